"""Whole-grid geometry primitives: small grids in, the expected grid out (plus the painting primitives
appended by the geometry/colour engineer: connect_same_colors, connect_diagonals, surround_diagonal,
surround_orthogonal, draw_cross_through, stamp_at)."""

import pytest

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.dsl.errors import DSLError, PrimitiveError
from arc_kernel.dsl.types import ColorMap
from arc_kernel.interpreter import compile_program, run
from grids import G, P, same


A = G("12", "34", "56")  # 3 x 2, all colours distinct


# ---------------------------------------------------------------- rotations and mirrors


def test_rotate_90():
    assert same(P("rotate_90")(A), G("531", "642"))


def test_rotate_180():
    assert same(P("rotate_180")(A), G("65", "43", "21"))


def test_rotate_270():
    assert same(P("rotate_270")(A), G("246", "135"))


def test_flip_horizontal():
    assert same(P("flip_horizontal")(A), G("21", "43", "65"))


def test_flip_vertical():
    assert same(P("flip_vertical")(A), G("56", "34", "12"))


def test_transpose():
    assert same(P("transpose")(A), G("135", "246"))


def test_flip_antidiagonal():
    assert same(P("flip_antidiagonal")(A), G("642", "531"))


def test_rotations_compose_to_identity():
    assert same(P("rotate_90")(P("rotate_270")(A)), A)
    assert same(P("rotate_90")(P("rotate_90")(A)), P("rotate_180")(A))


# ---------------------------------------------------------------- cropping


def test_crop_to_content():
    grid = G("....", ".12.", "..3.", "....")
    assert same(P("crop_to_content")(grid), G("12", ".3"))


def test_crop_to_content_uses_most_common_colour_as_background():
    grid = G("555", "515", "555")
    assert same(P("crop_to_content")(grid), G("1"))


def test_crop_to_content_of_blank_grid_fails():
    with pytest.raises(PrimitiveError):
        P("crop_to_content")(G("..", ".."))


def test_crop_to_color():
    grid = G("2...", ".1.2", "..1.")
    assert same(P("crop_to_color")(grid, 1), G("1.", ".1"))
    with pytest.raises(PrimitiveError):
        P("crop_to_color")(grid, 7)


def test_crop():
    grid = G("123", "456", "789")
    assert same(P("crop")(grid, 1, 1, 2, 2), G("56", "89"))
    with pytest.raises(PrimitiveError):
        P("crop")(grid, 2, 2, 2, 2)


def test_trim_border():
    assert same(P("trim_border")(G("1111", "1231", "1451", "1111")), G("23", "45"))
    with pytest.raises(DSLError):
        P("trim_border")(G("12", "34"))


def test_top_half_and_bottom_half_skip_a_middle_row():
    grid = G("11", "55", "22")
    assert same(P("top_half")(grid), G("11"))
    assert same(P("bottom_half")(grid), G("22"))
    assert same(P("top_half")(G("1", "2", "3", "4")), G("1", "2"))
    assert same(P("bottom_half")(G("1", "2", "3", "4")), G("3", "4"))


def test_left_half_and_right_half_skip_a_middle_column():
    grid = G("1.5.2", "1.5.2")
    assert same(P("left_half")(grid), G("1.", "1."))
    assert same(P("right_half")(grid), G(".2", ".2"))
    assert same(P("left_half")(G("1234")), G("12"))
    assert same(P("right_half")(G("1234")), G("34"))


# ---------------------------------------------------------------- splitting


def test_split_rows_even_and_with_separators():
    parts = P("split_rows")(G("1", "2", "3", "4"), 2)
    assert len(parts) == 2 and same(parts[0], G("1", "2")) and same(parts[1], G("3", "4"))
    parts = P("split_rows")(G("1", "5", "2", "5", "3"), 3)  # one-row separators dropped
    assert [int(p[0, 0]) for p in parts] == [1, 2, 3]
    with pytest.raises(PrimitiveError):
        P("split_rows")(G("1", "2", "3", "4"), 3)


def test_split_columns():
    parts = P("split_columns")(G("112233"), 3)
    assert [p.tobytes() for p in parts] == [G("11").tobytes(), G("22").tobytes(), G("33").tobytes()]


def test_split_quadrants():
    parts = P("split_quadrants")(G("1.2", "...", "3.4"))
    assert [int(p[0, 0]) for p in parts] == [1, 2, 3, 4]


def test_grid_at():
    parts = (G("1"), G("2"), G("3"))
    assert same(P("grid_at")(parts, 0), G("1"))
    assert same(P("grid_at")(parts, -1), G("3"))
    with pytest.raises(PrimitiveError):
        P("grid_at")(parts, 3)


def test_odd_one_out():
    assert same(P("odd_one_out")((G("1"), G("2"), G("1"), G("1"))), G("2"))
    with pytest.raises(PrimitiveError):
        P("odd_one_out")((G("1"), G("1")))


def test_argmax_grid_and_argmin_grid():
    parts = (G("1."), G("11"), G(".."))
    count = PRIMITIVES["count_foreground"].function
    nonzero = lambda g: int((g != 0).sum())  # noqa: E731
    assert same(P("argmax_grid")(parts, nonzero), G("11"))
    assert same(P("argmin_grid")(parts, nonzero), G(".."))
    assert count(G("1..")) == 1


# ---------------------------------------------------------------- scaling and tiling


def test_upscale():
    assert same(P("upscale")(G("12"), 2), G("1122", "1122"))


def test_downscale():
    assert same(P("downscale")(G("1122", "1122"), 2), G("12"))
    with pytest.raises(PrimitiveError):
        P("downscale")(G("112"), 2)


def test_downscale_blocks():
    grid = G("111222", "111222", "333444")
    assert same(P("downscale_blocks")(grid), G("12", "34"))


def test_dedupe_rows_and_columns():
    grid = G("1122", "1122", "3344")
    assert same(P("dedupe_rows")(grid), G("1122", "3344"))
    assert same(P("dedupe_columns")(grid), G("12", "12", "34"))


def test_remove_lines():
    grid = G("1512", "5555", "3534")
    assert same(P("remove_lines")(grid, 5), G("112", "334"))


def test_resize():
    assert same(P("resize")(G("12"), 2, 4), G("1122", "1122"))
    assert same(P("resize")(G("1122", "3344"), 1, 2), G("12"))


def test_tile():
    assert same(P("tile")(G("12"), 2, 2), G("1212", "1212"))


def test_tile_to_size():
    assert same(P("tile_to_size")(G("12", "34"), 3, 3), G("121", "343", "121"))


def test_pad_to_size():
    assert same(P("pad_to_size")(G("11"), 2, 3, 0), G("11.", "..."))
    assert same(P("pad_to_size")(G("123"), 1, 2, 0), G("12"))


def test_mirror_tile():
    assert same(P("mirror_tile")(G("12", "3.")), G("1221", "3..3", "3..3", "1221"))


def test_mirror_right_and_mirror_down():
    assert same(P("mirror_right")(G("12")), G("1221"))
    assert same(P("mirror_down")(G("1", "2")), G("1", "2", "2", "1"))


def test_concat_horizontal_and_vertical():
    assert same(P("concat_horizontal")(G("1", "2"), G("3", "4")), G("13", "24"))
    assert same(P("concat_vertical")(G("12"), G("34")), G("12", "34"))
    with pytest.raises(PrimitiveError):
        P("concat_horizontal")(G("1"), G("3", "4"))
    with pytest.raises(PrimitiveError):
        P("concat_vertical")(G("1"), G("34"))


def test_fractal():
    assert same(P("fractal")(G("1.", ".1")), G("1...", ".1..", "..1.", "...1"))


def test_minimal_tile():
    assert same(P("minimal_tile")(G("121212", "343434")), G("12", "34"))
    assert same(P("minimal_tile")(G("12", "12", "12")), G("12"))
    assert same(P("minimal_tile")(G("123")), G("123"))


def test_fill_cells_from():
    grid = G("1.5..", "..5..", "55555", "..5.2")
    layout = G("34", "67")
    assert same(P("fill_cells_from")(grid, layout), G("33544", "33544", "55555", "66577"))
    with pytest.raises(PrimitiveError):
        P("fill_cells_from")(grid, G("1"))


# ---------------------------------------------------------------- moving and measuring


def test_shift():
    grid = G("1.", "..")
    assert same(P("shift")(grid, 1, 1), G("..", ".1"))
    assert same(P("shift")(G("..", ".1"), -1, 0), G(".1", ".."))
    assert same(P("shift")(grid, 5, 0), G("..", ".."))


def test_grid_height_and_width():
    assert P("grid_height")(A) == 3 and P("grid_width")(A) == 2


def test_pad():
    assert same(P("pad")(G("1"), 2), G("222", "212", "222"))


def test_symmetrize_left_right():
    assert same(P("symmetrize_left_right")(G("1....", "12...")), G("1...1", "12.21"))


def test_symmetrize_top_bottom():
    assert same(P("symmetrize_top_bottom")(G("1.", "..", "..", "..", "..")), G("1.", "..", "..", "..", "1."))


def test_size_caps_raise_limit_errors():
    with pytest.raises(DSLError):
        P("upscale")(G("1" * 20), 4)
    with pytest.raises(DSLError):
        P("tile")(G("12"), 1, 40)


def test_primitives_never_mutate_inputs():
    grid = G("12", "3.")
    for name in ("rotate_90", "flip_horizontal", "mirror_tile", "fractal", "symmetrize_left_right", "trim_border"):
        try:
            P(name)(grid)
        except DSLError:
            pass
    assert same(grid, G("12", "3."))


# ---------------------------------------------------------------- painting primitives added by this engineer


def test_connect_same_colors():
    grid = G("1..1", "....", "2..2")
    assert same(P("connect_same_colors")(grid), G("1111", "....", "2222"))
    # vertical lines are drawn first, so they win where lines cross
    grid = G(".3..", "4..4", ".3..")
    assert same(P("connect_same_colors")(grid), G(".3..", "4344", ".3.."))


def test_connect_diagonals():
    grid = G("1...2", ".....", ".....", ".....", "2...1")
    assert same(P("connect_diagonals")(grid), G("1...2", ".1.2.", "..1..", ".2.1.", "2...1"))


def test_surround_diagonal():
    assert same(P("surround_diagonal")(G("...", ".2.", "..."), ColorMap({2: 4})), G("4.4", ".2.", "4.4"))


def test_surround_orthogonal():
    assert same(P("surround_orthogonal")(G("...", ".1.", "..."), ColorMap({1: 7})), G(".7.", "717", ".7."))


def test_draw_cross_through():
    assert same(P("draw_cross_through")(G("...", ".8.", "..."), 8), G(".8.", "888", ".8."))


def test_stamp_at():
    grid = G(".....", ".....", "..1..", ".....", "....1")
    pattern = G("234", "5.6", "789")
    assert same(P("stamp_at")(grid, pattern, 1), G(".....", ".234.", ".5.6.", ".7823", "...5."))


# ---------------------------------------------------------------- through the interpreter


def test_programs_using_geometry_run_in_the_interpreter():
    program = compile_program("x1 = crop_to_content(I)\nO = tile(x1, 1, 2)")
    assert same(run(program, G("....", ".12.", "....")), G("1212"))
    program = compile_program("O = odd_one_out(split_quadrants(I))")
    assert same(run(program, G("1.1", "...", "1.2")), G("2"))


def test_connect_same_colors_over():
    # 8 is the most common colour (divider lines): never joined; the 2s join over the black cells only
    grid = G("2.8.2", "88888", "..8..")
    assert same(P("connect_same_colors_over")(grid, 0), G("22822", "88888", "..8.."))
