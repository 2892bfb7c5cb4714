"""Round-2b primitives: small grids in, the expected grid (or value) out."""

import numpy as np
import pytest

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.types import ColorMap, Object
from grids import G, P, same


def dot(row, col, color):
    return Object(row, col, np.array([[color]]), np.array([[True]]))


# ---------------------------------------------------------------- colours


def test_colors_in_reading_order():
    assert P("colors_in_reading_order")(G("33", "21", "13")) == (3, 2, 1)


def test_pair_colors():
    assert P("pair_colors")((3, 2, 1), (1, 2, 3)) == ColorMap({3: 1, 2: 2, 1: 3})
    with pytest.raises(PrimitiveError):
        P("pair_colors")((1, 2), (3,))


def test_reverse_colors_and_rotate_colors():
    assert P("reverse_colors")((4, 2, 1)) == (1, 2, 4)
    assert P("rotate_colors")((4, 2, 1), 1) == (2, 1, 4)
    assert P("rotate_colors")((4, 2, 1), -1) == (1, 4, 2)


def test_nth_color():
    assert P("nth_color")((4, 2, 1), 0) == 4
    assert P("nth_color")((4, 2, 1), -1) == 1
    with pytest.raises(PrimitiveError):
        P("nth_color")((4,), 3)


def test_reversing_ring_colours():
    grid = G("222", "212", "222")
    order = P("colors_in_reading_order")(grid)
    mapping = P("pair_colors")(order, P("reverse_colors")(order))
    assert same(P("apply_color_map")(grid, mapping), G("111", "121", "111"))


def test_replace_color_in_columns_and_rows():
    grid = G("4444", "4.44")
    assert same(P("replace_color_in_columns")(grid, 3, 4, 6), G("6446", "6.46"))
    assert same(P("replace_color_in_rows")(G("44", "44", "44"), 2, 4, 6), G("66", "44", "66"))


def test_color_histogram():
    assert same(P("color_histogram")(G("221", "231", "111")), G("123", "12.", "12.", "1..", "1.."))


def test_object_colors():
    objects = (dot(0, 0, 3), dot(1, 1, 5))
    assert P("object_colors")(objects) == (3, 5)


# ---------------------------------------------------------------- grids and patterns


def test_split_squares():
    blocks = P("split_squares")(G("1.22", "..22"))
    assert len(blocks) == 2 and same(blocks[0], G("1.", "..")) and same(blocks[1], G("22", "22"))
    with pytest.raises(PrimitiveError):
        P("split_squares")(G("123", "123"))


def test_unique_pattern_grid():
    grids = (G("1.", ".1"), G("2.", ".2"), G("33", ".3"))
    assert same(P("unique_pattern_grid")(grids), G("33", ".3"))


def test_shape_per_cell():
    assert same(P("shape_per_cell")(G("2.", ".3"), G("8.", "88")), G("2...", "22..", "..3.", "..33"))


def test_mark_squares():
    assert same(P("mark_squares")(G("..5", "...", "5.."), 0, 2, 2), G("225", "222", "522"))


def test_occurrences_with_wildcard():
    pattern = G("77", "..")
    found = P("occurrences_with_wildcard")(G("1...", "12.."), pattern, 7)
    assert [(o.top, o.left) for o in found] == [(0, 2)]
    assert same(P("paint_objects")(G("1...", "12.."), found), G("1.77", "12.."))


# ---------------------------------------------------------------- painting


def test_bounce_ray():
    assert same(P("bounce_ray")(G("..", "..", "..", "1."), 1, 1), G(".1", "1.", ".1", "1."))
    with pytest.raises(PrimitiveError):
        P("bounce_ray")(G("1."), 1, 2)


def test_connect_elbow():
    assert same(P("connect_elbow")(G("2...", "....", "...3"), 2, 3, 8), G("2888", "...8", "...3"))


def test_draw_across_regions():
    grid = G("4444", "44.4", "4444", "8888", "8888")
    assert same(P("draw_across_regions")(grid, 0), G("44.4", "44.4", "44.4", "8888", "8888"))


def test_extend_over():
    assert same(P("extend_over")(G("3..", "...", "..."), 0, 3), G("3..", ".3.", "..3"))
    assert same(P("extend_over")(G(".2.", "...", "..."), 0, 6), G("22.", "...", "..."))


def test_flood_checkerboard():
    grid = G("23.5", "5..5", "5555")
    assert same(P("flood_checkerboard")(grid, 2, 3, 0), G("2325", "5235", "5555"))


def test_stretch_to_cover():
    grid = G("222..", "212..", "222..", ".....", ".8...")
    box = Object(0, 0, np.array([[2, 2, 2], [2, 1, 2], [2, 2, 2]]), np.ones((3, 3), bool))
    out = P("stretch_to_cover")(grid, box, dot(4, 1, 8))
    assert same(out, G("222..", "212..", "212..", "212..", "222.."))


def test_densest_rectangle():
    grid = G("12345", "19995", "19295", "19995")
    rect = P("densest_rectangle")(grid)
    assert (rect.top, rect.left, rect.height, rect.width) == (1, 1, 3, 3)


def test_erase_thin_parts():
    grid = G("22...", "22...", ".3...", ".3...", ".....")
    assert same(P("erase_thin_parts")(grid, 2), G("22...", "22...", ".....", ".....", "....."))


def test_reshape():
    assert same(P("reshape")(G("123"), 2, 2), G("12", "3."))
    assert same(P("reshape")(G("12", "34"), 1, 3), G("123"))


def test_reshape_zigzag():
    assert same(P("reshape_zigzag")(G("8888"), 3, 3), G("888", "..8", "..."))
