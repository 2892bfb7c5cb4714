"""Fuzzing the parser, type checker and interpreter: whatever the text, only the DSL's typed errors escape.

Bounded example counts keep this file fast; `python -m arc_kernel fuzz --cases N` is the long campaign
(see RELIABILITY.md). Time bounds here are generous on purpose: they catch hangs, not slowness.
"""

import random
import time

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.dsl.errors import DSLError, LimitError, ParseError
from arc_kernel.fuzz import (
    FuzzConfig,
    Fuzzer,
    conforms,
    extreme_values,
    fuzz,
    mutate,
    program_generator,
    random_grid,
    seed_programs,
    vocabulary,
)
from arc_kernel.interpreter import Limits, compile_program, run_trace
from arc_kernel.language.syntax import parse, print_program
from arc_kernel.language.typecheck import check

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEEDS = seed_programs()
LIMITS = Limits(seconds=1.0)
GENEROUS = 5.0  # seconds: a run capped at 1 s that takes this long is a hang, not noise


def compile_or_dsl_error(text: str):
    """The compiled program, or None when the text was refused with a DSLError (anything else propagates)."""
    try:
        return compile_program(text)
    except DSLError:
        return None


def run_bounded(program, grid: np.ndarray) -> None:
    """Run a program; only DSLErrors may escape, and it must stop well within a generous bound."""
    start = time.monotonic()
    try:
        trace = run_trace(program, grid, LIMITS)
    except DSLError:
        trace = None
    assert time.monotonic() - start < GENEROUS
    if trace is not None:
        for name, type_name in check(program).items():
            assert conforms(trace[name], type_name), f"{name} is not a {type_name}"


@FAST
@given(st.text(max_size=300))
def test_any_text_parses_or_raises_a_parse_error(text):
    try:
        program = parse(text)
    except ParseError:
        return
    assert parse(print_program(program)) == program


@FAST
@given(st.text(alphabet="Ixo0123456789-_ =(),{}:#\n\tabcdefghijklmnopqrstuvwz", max_size=200))
def test_program_like_characters_never_crash_the_parser_or_checker(text):
    compile_or_dsl_error(text)


@FAST
@given(st.lists(st.sampled_from(vocabulary()), max_size=60))
def test_random_token_streams_are_refused_with_typed_errors(tokens):
    program = compile_or_dsl_error(" ".join(tokens))
    if program is not None:
        run_bounded(program, np.arange(12, dtype=np.uint8).reshape(3, 4) % 10)


@FAST
@given(st.sampled_from(SEEDS), st.randoms(use_true_random=False))
def test_mutated_programs_are_refused_or_run_within_their_caps(text, rng):
    program = compile_or_dsl_error(mutate(text, rng))
    if program is not None:
        run_bounded(program, random_grid(rng))


@FAST
@given(st.randoms(use_true_random=False))
def test_random_well_typed_programs_check_and_run_within_their_caps(rng):
    text = program_generator().program(rng)
    program = compile_program(text)  # generated from the registry's signatures: must type-check
    assert print_program(parse(print_program(program))) == print_program(program)
    for _ in range(2):
        run_bounded(program, random_grid(rng, max_side=30))


PRIMITIVE_FUZZER = Fuzzer(FuzzConfig(seconds=1.0))  # builds its values at the caps once


@settings(max_examples=100, deadline=None)
@given(st.randoms(use_true_random=False))
def test_every_primitive_survives_values_at_the_caps(rng):
    PRIMITIVE_FUZZER.run_primitive(0, rng)
    assert [f for f in PRIMITIVE_FUZZER.report.findings if f.kind != "overrun"] == []
    assert PRIMITIVE_FUZZER.report.max_run_seconds < GENEROUS


def test_a_short_campaign_finds_nothing_and_measures_time_and_memory():
    report = fuzz(FuzzConfig(cases=60, seed=12345, grids_per_program=2))
    assert report.cases == 60 and report.runs > 20
    assert [f for f in report.findings if f.kind != "overrun"] == []
    assert 0 < report.max_run_mb < FuzzConfig.memory_cap_mb
    assert report.max_run_seconds < GENEROUS


def test_the_generator_reaches_every_primitive():
    generator = program_generator()
    assert {p.name for p in generator.usable} == set(PRIMITIVES)
    rng = random.Random(0)
    used = set()
    for _ in range(400):
        used |= {token for token in program_generator().program(rng).replace("(", " ").replace(",", " ").split() if token in PRIMITIVES}
    assert len(used) > len(PRIMITIVES) // 2


def test_the_package_never_calls_eval_exec_or_compile():
    import ast
    from pathlib import Path

    import arc_kernel

    calls = []
    for path in Path(arc_kernel.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("eval", "exec", "compile", "__import__"):
                calls.append(f"{path.name}:{node.lineno} {node.func.id}")
    assert calls == []


def test_program_text_is_never_executed_as_python():
    for text in ("O = __import__('os').system('true')", "O = eval(I)", "import os\nO = I", "O = I.__class__"):
        try:
            compile_program(text)
        except DSLError as error:
            assert "line 1" in str(error)
        else:
            raise AssertionError(f"accepted {text!r}")


# ---- regressions found by fuzzing (see RELIABILITY.md): each once ran far past its cap


def test_a_slow_function_argument_is_stopped_at_the_time_cap():
    # map_grids over 60 grids of 60x60, each passed to connect_diagonals, ran 15 s past a 1 s cap when the
    # clock was read only every 64th step.
    noise = np.random.default_rng(0).integers(0, 10, size=(60, 60), dtype=np.uint8)
    fuzzer = Fuzzer(FuzzConfig(seconds=0.5))
    start = time.monotonic()
    try:
        fuzzer.call_primitive("map_grids", [tuple(noise for _ in range(60)), "connect_diagonals"])
    except LimitError:
        pass
    assert time.monotonic() - start < GENEROUS


def test_container_primitives_are_not_quadratic_in_their_items():
    grids = tuple(np.full((1, 1), i % 10, np.uint8) for i in range(3600))
    start = time.monotonic()
    for name in ("odd_one_out", "unique_pattern_grid"):
        if name in PRIMITIVES:
            try:
                PRIMITIVES[name].function(grids)
            except DSLError:
                pass
    assert time.monotonic() - start < GENEROUS


def test_primitives_looping_over_thousands_of_objects_stop_at_the_time_cap():
    # copy_onto_anchors with 3,600 one-cell templates and complete_translated_copies with 3,240 x 3,240 pairs
    # once ran 0.9-4.6 s with no tick.
    cells = extreme_values(random.Random(2))
    objects, grid = cells["Objects"][3], cells["Grid"][0]
    fuzzer = Fuzzer(FuzzConfig(seconds=0.3))
    for name, args in (("copy_onto_anchors", [grid, objects]), ("complete_translated_copies", [grid, objects, objects])):
        start = time.monotonic()
        try:
            fuzzer.call_primitive(name, args)
        except DSLError:
            pass
        assert time.monotonic() - start < GENEROUS
