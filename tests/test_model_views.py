"""Views (model/views.py): a task decoded turned or mirrored, its programs mapped back to the task as given."""

import numpy as np
import pytest

from arc_kernel.interpreter import compile_program, run
from arc_kernel.model.views import VIEWS, grid_task, map_back, view_task
from arc_kernel.dsl.registry import PRIMITIVES

GRID = np.arange(12, dtype=np.uint8).reshape(3, 4) % 10


def test_the_eight_views_are_distinct_and_each_is_undone_by_its_inverse():
    seen = {view.grid(GRID).tobytes() + bytes(view.grid(GRID).shape) for view in VIEWS}
    assert len(VIEWS) == len(seen) == 8 and VIEWS[0].forward is None
    for view in VIEWS[1:]:
        assert np.array_equal(PRIMITIVES[view.inverse].function(view.grid(GRID)), GRID)


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.forward or "identity")
def test_a_mapped_program_runs_its_program_on_the_viewed_input_and_undoes_the_view(view):
    program = "x1 = crop_to_content(I)\nx2 = top_half(x1)\nO = replace_color(x2, 3, 5)"
    mapped = compile_program(map_back(program, view))
    grid = np.zeros((5, 6), dtype=np.uint8)
    grid[1:4, 2:6] = GRID
    expected = run(compile_program(program), view.grid(grid))
    if view.forward is not None:
        expected = PRIMITIVES[view.inverse].function(expected)
    assert np.array_equal(run(mapped, grid), expected)


def test_a_program_solving_the_transposed_task_solves_the_task_once_mapped_back():
    pairs = [(g, g[: g.shape[0] // 2]) for g in (GRID, GRID.T, np.ones((4, 2), dtype=np.uint8))]
    transpose = next(v for v in VIEWS if v.forward == "transpose")
    seen, _ = view_task(pairs, (), transpose)
    left = compile_program("O = left_half(I)")
    assert all(np.array_equal(run(left, i), o) for i, o in seen)  # top_half as seen through a mirror
    program = compile_program(map_back("O = left_half(I)", transpose))
    assert all(np.array_equal(run(program, i), o) for i, o in pairs)


def test_only_tasks_of_grids_have_views_other_than_the_identity():
    assert grid_task([(GRID, GRID)]) and not grid_task([(GRID, 3)])
