"""Running programs: results, traces, limits and typed errors; verifying them against a task."""

import numpy as np
import pytest

from arc_kernel.dsl.errors import LimitError, PrimitiveError
from arc_kernel.interpreter import Limits, compile_program, run, run_trace
from arc_kernel.verifier import verify

GRID = np.array([[0, 0, 0, 0], [0, 1, 1, 0], [0, 1, 2, 0], [0, 0, 0, 3]], dtype=np.uint8)


def test_run_gives_the_output_grid():
    program = compile_program("O = crop_to_object(I, largest(objects_4(I)))")
    assert run(program, GRID).tolist() == [[1, 1], [1, 2]]


def test_trace_keeps_every_variable_and_grids_are_read_only():
    trace = run_trace(compile_program("x1 = rotate_90(I)\nO = flip_horizontal(x1)"), GRID)
    assert set(trace) == {"I", "x1", "O"}
    assert not trace["O"].flags.writeable and trace["O"].dtype == np.uint8
    with pytest.raises(ValueError):
        trace["I"][0, 0] = 5


def test_function_arguments_are_called_through_the_interpreter():
    program = compile_program("O = crop_to_object(I, argmax_by(objects_4(I), size))")
    assert run(program, GRID).tolist() == [[1, 1], [1, 2]]


def test_selecting_from_nothing_is_a_primitive_error():
    empty = np.zeros((3, 3), dtype=np.uint8)
    with pytest.raises(PrimitiveError, match="select from"):
        run(compile_program("O = crop_to_object(I, largest(objects_4(I)))"), empty)


def test_gigantic_grids_are_refused_before_they_are_built():
    program = compile_program("x1 = upscale(I, 30)\nO = upscale(x1, 30)")
    with pytest.raises(LimitError, match="exceeds"):
        run(program, GRID)


def test_step_limit_stops_long_runs():
    program = compile_program("x1 = rotate_90(I)\nx2 = rotate_90(x1)\nx3 = rotate_90(x2)\nO = rotate_90(x3)")
    with pytest.raises(LimitError, match="steps"):
        run(program, GRID, Limits(max_steps=3))


def test_verify_counts_demo_pairs_and_runs_tests():
    from types import SimpleNamespace

    pair = SimpleNamespace(input=GRID, output=np.rot90(GRID, -1))
    task = SimpleNamespace(train=(pair, pair), test_inputs=(GRID,))
    good = verify("O = rotate_90(I)", task)
    assert good.verified and good.test_outputs[0].tolist() == np.rot90(GRID, -1).tolist()
    bad = verify("O = rotate_270(I)", task)
    assert not bad.verified and bad.train_correct == 0 and bad.test_outputs == (None,)
    broken = verify("O = rotate_90(", task)
    assert not broken.verified and "expected" in broken.error
