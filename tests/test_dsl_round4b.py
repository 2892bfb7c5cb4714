"""Round-4 (second half) primitives: small grids in, the expected grid (or value) out."""

import pytest

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.types import ColorMap
from grids import G, P, objs, same


# ---------------------------------------------------------------- colour


def test_map_color():
    mapping = ColorMap({1: 4, 2: 0})
    assert P("map_color")(1, mapping) == 4
    assert P("map_color")(2, mapping) == 0
    assert P("map_color")(7, mapping) == 7  # unmapped colours stay


# ---------------------------------------------------------------- painting


def test_ray_with_detours():
    grid = G(".....", "..5..", ".....", "..2..")
    # the line goes up, meets the 5, steps one cell right, and goes on up
    assert same(P("ray_with_detours")(grid, 2, 0, 2), G("...2.", "..52.", "..22.", "..2.."))
    # with nothing in the way it runs straight to the border
    assert same(P("ray_with_detours")(G("...", "...", ".2."), 2, 0, 2), G(".2.", ".2.", ".2."))
    with pytest.raises(PrimitiveError):  # the side step must be at right angles to the line
        P("ray_with_detours")(grid, 2, 0, 4)


# ---------------------------------------------------------------- mapping


def test_block_beside_by():
    grid = G("12...", "34...", ".....", ".....", "....7")
    pieces = P("multicolor_objects_8")(grid)
    # a block under each object, as deep as its number of colours (4 and 1), cut by the border
    assert same(P("block_beside_by")(grid, pieces, 4, P("color_count"), 8), G("12...", "34...", "88...", "88...", "88..7"))
    # to the left of the 7: one cell deep
    seven = P("with_color")(objs(grid), 7)
    assert same(P("block_beside_by")(grid, seven, 6, P("color_count"), 8), G("12...", "34...", ".....", ".....", "...87"))
    with pytest.raises(PrimitiveError):
        P("block_beside_by")(grid, pieces, 3, P("color_count"), 8)


def test_connect_dotted():
    # gaps of 6 and 3 cells: every second cell counted from each end of the pair
    assert same(P("connect_dotted")(G("1......2", "3...4..."), 5), G("1.5..5.2", "3.5.4..."))
    column = P("connect_dotted")(G("1", ".", ".", ".", ".", "1"), 5)
    assert same(column, G("1", ".", "5", "5", ".", "1"))


def test_repeat_through_marker():
    grid = G("1.1...", ".1....", "1.1...", "...2..", "......", "......")
    shape = P("cells_of_color")(grid, 1)
    marker = P("cells_of_color")(grid, 2)
    # the nearest diagonal copy that covers the marker and misses the shape is three steps away
    expected = G("1.1...", ".1....", "1.1...", "...2.2", "....2.", "...2.2")
    assert same(P("repeat_through_marker")(grid, shape, marker), expected)


def test_rays_to_color():
    grid = G("..8..", ".....", "8.2..", ".....", ".....")
    # lines go up and left to the 8s (covering them); down and right meet only the border
    assert same(P("rays_to_color")(grid, 2, 8), G("..2..", "..2..", "222..", ".....", "....."))


# ---------------------------------------------------------------- selection


def test_reverse_objects():
    grid = G("1.2", "...", "3..")
    pieces = objs(grid)
    assert [o.color for o in P("reverse_objects")(pieces)] == [3, 2, 1]
    largest_first = P("reverse_objects")(P("sort_objects_by")(objs(G("11.2", "11..")), P("size")))
    assert [o.size for o in largest_first] == [4, 1]


def test_stack_centered():
    grid = G("1.1..2", ".....2", "1.1..2", "......")
    # the corners of a 3x3 square (1) and a 3-cell bar (2) laid over each other, centred, on a canvas of 5s
    stacked = P("stack_centered")(P("color_partition")(grid), 5)
    assert same(stacked, G("121", "525", "121"))
    with pytest.raises(PrimitiveError):
        P("stack_centered")((), 0)
