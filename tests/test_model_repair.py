"""Constant repair: decoded programs with the right primitives and a wrong literal are fixed on the demos."""

import numpy as np

from arc_kernel.dsl.types import ColorMap
from arc_kernel.interpreter import Limits, compile_program, run
from arc_kernel.language.syntax import print_program
from arc_kernel.dsl import PRIMITIVES
from arc_kernel.model.repair import alternatives, literal_slots, program_slots, repair, siblings, task_constants, variants

LIMITS = Limits(max_steps=5_000, seconds=0.25)


def demo_pairs(program: str, count: int = 3, seed: int = 0):
    rng = np.random.default_rng(seed)
    compiled = compile_program(program)
    grids = [rng.integers(0, 4, size=(4, 5)).astype(np.uint8) for _ in range(count)]
    return [(grid, run(compiled, grid)) for grid in grids]


def test_literal_slots_name_each_constant_with_the_type_it_fills():
    program = compile_program("x1 = objects_4(I)\nO = recolor_every_other(I, x1, 0)")
    slots = literal_slots(program)
    assert [(s.line, s.path, s.type, s.value) for s in slots] == [(1, (2,), "Color", 0)]
    nested = literal_slots(compile_program("O = shift(replace_color(I, 1, 2), 1, -1)"))
    assert [(s.path, s.type) for s in nested] == [((0, 1), "Color"), ((0, 2), "Color"), ((1,), "Int"), ((2,), "Int")]


def test_colour_alternatives_come_from_the_task_and_leave_out_the_value_itself():
    pairs = demo_pairs("O = replace_color(I, 1, 8)")
    constants = task_constants(pairs, [])
    slot = literal_slots(compile_program("O = replace_color(I, 1, 3)"))[1]
    options = alternatives(slot, constants)
    assert 8 in options and 3 not in options and set(options) <= set(constants.colors)


def test_a_wrong_colour_is_repaired_and_a_wrong_primitive_is_not():
    pairs = demo_pairs("O = replace_color(I, 1, 8)")
    constants = task_constants(pairs, [])
    fixed = repair(compile_program("O = replace_color(I, 1, 3)"), pairs, constants, 48, LIMITS)
    assert fixed is not None and print_program(fixed) == "O = replace_color(I, 1, 8)"
    assert repair(compile_program("O = replace_color(rotate_90(I), 1, 3)"), pairs, constants, 48, LIMITS) is None


def test_repair_stops_at_its_deadline():
    import time

    pairs = demo_pairs("O = replace_color(I, 1, 8)")
    wrong = compile_program("O = replace_color(I, 1, 3)")
    assert repair(wrong, pairs, task_constants(pairs, []), 48, LIMITS, deadline=time.monotonic() - 1) is None


def test_two_wrong_literals_are_repaired_together_within_the_limit():
    pairs = demo_pairs("O = replace_color(I, 2, 8)")
    constants = task_constants(pairs, [])
    program = compile_program("O = replace_color(I, 1, 3)")
    assert sum(1 for _ in variants(program, constants, 10)) == 10
    assert repair(program, pairs, constants, 200, LIMITS) is not None
    assert repair(program, pairs, constants, 5, LIMITS) is None  # the pair needed is past the first five


def test_colour_map_alternatives_change_one_target_or_use_the_map_the_demos_show():
    pairs = demo_pairs("O = apply_color_map(I, {1: 2, 3: 0})")
    constants = task_constants(pairs, [])
    slot = literal_slots(compile_program("O = apply_color_map(I, {1: 2, 3: 1})"))[0]
    options = alternatives(slot, constants)
    assert ColorMap({1: 2, 3: 0}) in options
    fixed = repair(compile_program("O = apply_color_map(I, {1: 2, 3: 1})"), pairs, constants, 48, LIMITS)
    assert fixed is not None and print_program(fixed) == "O = apply_color_map(I, {1: 2, 3: 0})"


def test_calls_are_slots_too_and_siblings_share_the_primitive_type_the_preferred_first():
    program = compile_program("O = recolor_every_other(I, objects_4(I), 0)")
    assert [(s.path, s.value) for s in program_slots(program) if s.call] == [((), "recolor_every_other"), ((1,), "objects_4")]
    others = siblings("objects_4", {"multicolor_objects_8": 0.9}, limit=4)
    assert others[0] == "multicolor_objects_8" and "objects_4" not in others
    assert all(PRIMITIVES[name].type == PRIMITIVES["objects_4"].type for name in others)


def test_a_sibling_primitive_is_repaired_when_the_preference_ranks_it_in():
    pairs = demo_pairs("O = flip_horizontal(I)")
    constants = task_constants(pairs, [])
    wrong = compile_program("O = flip_vertical(I)")
    fixed = repair(wrong, pairs, constants, 8, LIMITS, preference={"flip_horizontal": 0.9})
    assert fixed is not None and print_program(fixed) == "O = flip_horizontal(I)"
    assert repair(wrong, pairs, constants, 8, LIMITS, preference={"flip_horizontal": 0.9}, calls=False) is None


def test_the_step_frontier_can_cap_partial_programs_that_differ_only_in_constants():
    from arc_kernel.model.decode import _Partial, keep_best, skeleton

    assert skeleton("O = surround_diagonal(x1, {0: 2})") == skeleton("O = surround_diagonal(x1, {5: 3, 1: 0})")
    assert skeleton("x2 = shift(x1, -2, 3)") == "x2 = shift(x1, _, _)"
    partials = [_Partial([f"x1 = pad(I, {colour})"], [], {}, -colour) for colour in range(4)]
    partials.append(_Partial(["x1 = rotate_90(I)"], [], {}, -10.0))
    assert [p.lines[0] for p in keep_best(partials, 3, 0)] == ["x1 = pad(I, 0)", "x1 = pad(I, 1)", "x1 = pad(I, 2)"]
    assert [p.lines[0] for p in keep_best(partials, 3, 2)] == ["x1 = pad(I, 0)", "x1 = pad(I, 1)", "x1 = rotate_90(I)"]


def test_a_program_right_up_to_one_recolouring_is_finished_with_that_colour_map():
    from arc_kernel.model.repair import recolored

    pairs = demo_pairs("O = apply_color_map(flip_vertical(I), {1: 7, 2: 1})")
    fitted = recolored(compile_program("x1 = flip_vertical(I)\nO = x1"), pairs, LIMITS)
    assert fitted is not None and print_program(fitted) == "x1 = flip_vertical(I)\nO = apply_color_map(x1, {1: 7, 2: 1})"
    assert recolored(compile_program("O = flip_horizontal(I)"), pairs, LIMITS) is None  # no one map fits
    assert recolored(compile_program("O = transpose(I)"), pairs, LIMITS) is None  # 5 × 4, not 4 × 5
