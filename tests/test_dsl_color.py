"""Colour primitives: small grids in, the expected grid (or colour, count) out."""

import pytest

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.types import ColorMap
from arc_kernel.interpreter import compile_program, run
from grids import G, P, same


GRID = G("..12", ".122", "..3.")  # 0 ×6, 1 ×2, 2 ×3, 3 ×1


def test_most_common_color():
    assert P("most_common_color")(GRID) == 0
    assert P("most_common_color")(G("12", "21")) == 1  # ties go to the smallest


def test_least_common_color_ignores_absent_colours():
    assert P("least_common_color")(GRID) == 3
    assert P("least_common_color")(G("55", "57")) == 7


def test_most_common_foreground():
    assert P("most_common_foreground")(GRID) == 2
    with pytest.raises(PrimitiveError):
        P("most_common_foreground")(G("44"))


def test_palette():
    assert P("palette")(GRID) == (0, 1, 2, 3)


def test_count_colors():
    assert P("count_colors")(GRID) == 4
    assert P("count_colors")(G("77")) == 1


def test_count_color():
    assert P("count_color")(GRID, 2) == 3
    assert P("count_color")(GRID, 9) == 0


def test_count_foreground():
    assert P("count_foreground")(GRID) == 6
    assert P("count_foreground")(G("555", "515")) == 1


def test_replace_color():
    assert same(P("replace_color")(G("121"), 1, 3), G("323"))


def test_apply_color_map():
    assert same(P("apply_color_map")(G("123"), ColorMap({1: 2, 2: 1})), G("213"))


def test_swap_colors():
    assert same(P("swap_colors")(G("1203"), 1, 2), G("2103"))


def test_keep_color():
    assert same(P("keep_color")(GRID, 2), G("...2", "..22", "...."))


def test_erase_color():
    assert same(P("erase_color")(GRID, 2), G("..1.", ".1..", "..3."))
    assert same(P("erase_color")(G("5551"), 1), G("5555"))  # background is the most common colour


def test_recolor_foreground():
    assert same(P("recolor_foreground")(GRID, 4), G("..44", ".444", "..4."))
    assert same(P("recolor_foreground")(G("5551"), 2), G("5552"))


def test_recolor_nonzero():
    assert same(P("recolor_nonzero")(G("2212"), 4), G("4444"))
    assert same(P("recolor_nonzero")(G("2.1."), 4), G("4.4."))


def test_invert():
    assert same(P("invert")(G("1.", ".."), 5), G(".5", "55"))


def test_cells_and():
    assert same(P("cells_and")(G("11.."), G("1.1."), 2), G("2..."))


def test_cells_or():
    assert same(P("cells_or")(G("11.."), G("1.1."), 2), G("222."))


def test_cells_xor():
    assert same(P("cells_xor")(G("11.."), G("1.1."), 2), G(".22."))


def test_cells_nor():
    assert same(P("cells_nor")(G("11.."), G("1.1."), 2), G("...2"))


def test_cells_and_not():
    assert same(P("cells_and_not")(G("11.."), G("1.1."), 2), G(".2.."))


def test_cellwise_operations_need_equal_shapes():
    for name in ("cells_and", "cells_or", "cells_xor", "cells_nor", "cells_and_not"):
        with pytest.raises(PrimitiveError):
            P(name)(G("1"), G("11"), 2)


def test_color_at():
    assert P("color_at")(GRID, 1, 2) == 2
    assert P("color_at")(GRID, -1, -2) == 3
    with pytest.raises(PrimitiveError):
        P("color_at")(GRID, 3, 0)


def test_uniform_rows():
    assert same(P("uniform_rows")(G("444", "232", "333"), 5), G("555", "...", "555"))


def test_inputs_are_not_mutated():
    grid = G("12", "3.")
    for name in ("keep_color", "erase_color", "recolor_foreground", "recolor_nonzero", "invert", "replace_color"):
        fn = P(name)
        fn(grid, 1) if name != "replace_color" else fn(grid, 1, 2)
    assert same(grid, G("12", "3."))


def test_colour_programs_run_in_the_interpreter():
    program = compile_program("O = cells_xor(left_half(I), right_half(I), 3)")
    assert same(run(program, G("1.5.1", "1.51.")), G("33", ".."))
    program = compile_program("O = swap_colors(I, most_common_color(I), least_common_color(I))")
    assert same(run(program, G("112")), G("221"))
