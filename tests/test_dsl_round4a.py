"""Round-4 (a) primitives: small grids in, the expected grid (or value) out."""

import pytest

from arc_kernel.dsl.errors import PrimitiveError
from grids import G, P, objs, same


def obj_of(grid, color):
    """All cells of one colour of a grid as an object."""
    return P("cells_of_color")(grid, color)


# ---------------------------------------------------------------- painting


def test_repeat_toward_markers():
    grid = G("........", ".11.2...", ".1..2...", "........", ".33.....", "........")
    template = obj_of(grid, 1)
    out = P("repeat_toward_markers")(grid, template, objs(grid))
    assert same(out, G("........", ".11.22.2", ".1..2..2", "........", ".33.....", ".3......"))


# ---------------------------------------------------------------- patterns


def test_complete_dense_lines():
    grid = G("1.11.", "1...1", "....1", "11.11")
    assert same(P("complete_dense_lines")(grid, 1, 2), G("12112", "1...1", "2...1", "11211"))
    with pytest.raises(PrimitiveError):
        P("complete_dense_lines")(grid, 7, 2)


# ---------------------------------------------------------------- objects


def test_box_contents():
    grid = G(".....", ".141.", ".1.1.", ".....")
    box = P("box_contents")(grid, obj_of(grid, 1))
    assert (box.top, box.left, box.height, box.width, box.size) == (1, 1, 2, 3, 6)
    assert same(P("object_to_grid")(box), G("141", "1.1"))


# ---------------------------------------------------------------- mapping


def test_recolor_every_nth():
    grid = G("1.1.1.1.1")
    out = P("recolor_every_nth")(grid, objs(grid), 3, 4)
    assert same(out, G("4.1.1.4.1"))
    with pytest.raises(PrimitiveError):
        P("recolor_every_nth")(grid, objs(grid), 0, 4)


def test_fit_pieces_into_holes():
    grid = G("5555.....", "5..5..66.", "5555.....", ".........", ".77....3.")
    objects = objs(grid)
    containers = P("with_color")(objects, 5)
    out = P("fit_pieces_into_holes")(grid, containers, P("without_color")(objects, 5))
    assert same(out, G("5555.....", "5775..66.", "5555.....", ".........", ".......3."))
    assert same(P("fit_pieces_into_holes")(grid, containers, ()), grid)


def test_corner_rays():
    grid = G("......", "......", "..33..", "..33..", "......", ".....5")
    assert same(
        P("corner_rays")(grid, (obj_of(grid, 3),), 2),
        G("2....2", ".2..2.", "..33..", "..33..", ".2..2.", "2....5"),
    )
