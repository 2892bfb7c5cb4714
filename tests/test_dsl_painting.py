"""Painting primitives: small grids in, the expected grid out."""

import numpy as np
import pytest

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.objects import components
from arc_kernel.dsl.types import ColorMap, Object
from grids import G, P, objs, same


def dot(row, col, color):
    return Object(row, col, np.array([[color]]), np.array([[True]]))


def test_paint_object():
    assert same(P("paint_object")(G("...", "..."), dot(1, 2, 4)), G("...", "..4"))


def test_crop_to_object():
    grid = G("....", ".12.", ".34.")
    assert same(P("crop_to_object")(grid, components(grid, grid != 0, 8, False)[0]), G("12", "34"))


def test_paint_objects():
    grid = G("...", "...")
    assert same(P("paint_objects")(grid, (dot(0, 0, 1), dot(1, 2, 2))), G("1..", "..2"))


def test_underpaint_object_keeps_foreground():
    obj = Object(0, 0, np.array([[3, 3, 3]]), np.ones((1, 3), bool))
    assert same(P("underpaint_object")(G(".5.", "..."), obj), G("353", "..."))


def test_fill_object():
    grid = G("11.", "...")
    assert same(P("fill_object")(grid, objs(grid)[0], 4), G("44.", "..."))


def test_fill_bbox():
    grid = G("1..", ".1.", "...")
    assert same(P("fill_bbox")(grid, objs(grid)[0], 2), G("22.", "22.", "..."))


def test_underfill_bbox():
    grid = G("1..", ".1.", "...")
    assert same(P("underfill_bbox")(grid, objs(grid)[0], 2), G("12.", "21.", "..."))


def test_erase_object():
    grid = G("1.2", "1..")
    assert same(P("erase_object")(grid, objs(grid)[0]), G("..2", "..."))


def test_erase_objects():
    grid = G("1.2", "1..", "...")
    assert same(P("erase_objects")(grid, objs(grid)), G("...", "...", "..."))


def test_keep_objects():
    grid = G("1.2", "1..", "...")
    assert same(P("keep_objects")(grid, objs(grid)[1:]), G("..2", "...", "..."))


def test_move_object():
    grid = G("1..", "...", "...")
    assert same(P("move_object")(grid, objs(grid)[0], 2, 1), G("...", "...", ".1."))
    assert same(P("move_object")(grid, objs(grid)[0], -1, 0), G("...", "...", "..."))


def test_clear_grid():
    assert same(P("clear_grid")(G("55.", "555")), G("555", "555"))


def test_canvas():
    assert same(P("canvas")(2, 3, 7), G("777", "777"))
    with pytest.raises(Exception):
        P("canvas")(0, 3, 7)


def test_fill_background():
    assert same(P("fill_background")(G("1..", "..."), 3), G("133", "333"))


def test_overlay():
    assert same(P("overlay")(G("1..", "..."), G("..2", "2..")), G("1.2", "2.."))


def test_draw_border():
    assert same(P("draw_border")(G("...", "...", "..."), 8), G("888", "8.8", "888"))


def test_outline_object():
    grid = G(".....", "..1..", ".....")
    assert same(P("outline_object")(grid, objs(grid)[0], 3), G(".333.", ".313.", ".333."))


def test_surround_cells():
    grid = G(".....", ".3...", "....2")
    out = P("surround_cells")(grid, ColorMap({3: 6}))
    assert same(out, G("666..", "636..", "666.2"))


def test_connect_cells():
    grid = G("1..1", "....", "1.2.")
    assert same(P("connect_cells")(grid, 1, 8), G("1881", "8...", "1.2."))


def test_draw_rows_through():
    assert same(P("draw_rows_through")(G("...", ".2.", "..."), 2), G("...", "222", "..."))


def test_draw_columns_through():
    assert same(P("draw_columns_through")(G("...", ".2.", "..."), 2), G(".2.", ".2.", ".2."))


def test_ray_until_contact():
    grid = G("1...5.", "......")
    assert same(P("ray_until_contact")(grid, 1, 2), G("11115.", "......"))
    assert same(P("ray_until_contact")(grid, 1, 3), G("1...5.", ".1...."))


def test_ray_to_border():
    grid = G("1..5..")
    assert same(P("ray_to_border")(grid, 1, 2), G("11151111"[:6]))
    with pytest.raises(PrimitiveError):
        P("ray_to_border")(grid, 1, 9)


def test_object_rays():
    grid = G("......", ".11...", "......", ".3....")
    out = P("object_rays")(grid, objs(grid)[0], 4, 2)
    assert same(out, G("......", ".11...", ".22...", ".32..."))


def test_fill_enclosed():
    grid = G("11111", "1...1", "11111", ".....", ".....")
    assert same(P("fill_enclosed")(grid, 4), G("11111", "14441", "11111", ".....", "....."))


def test_fill_outside():
    grid = G(".....", ".111.", ".1.1.", ".111.")
    assert same(P("fill_outside")(grid, 2), G("22222", "21112", "21.12", "21112"))


def test_gravity_cells():
    grid = G("1.2", "...", ".3.")
    assert same(P("gravity_cells")(grid, 4), G("...", "...", "132"))
    assert same(P("gravity_cells")(grid, 6), G("12.", "...", "3.."))


def test_gravity_objects_keeps_shapes():
    grid = G("11.", ".1.", "...", "...", "..2")
    assert same(P("gravity_objects")(grid, 4), G("...", "...", "...", "11.", ".12"))
    grid = G("11.", ".1.", "...", "...", ".2.")
    assert same(P("gravity_objects")(grid, 4), G("...", "...", "11.", ".1.", ".2."))


def test_move_until_contact():
    grid = G("1....", ".....", "....2")
    with pytest.raises(PrimitiveError):
        P("move_until_contact")(grid, objs(grid)[0], objs(grid)[1])
    grid = G("1...2", "1...2")
    found = objs(grid)
    assert same(P("move_until_contact")(grid, found[0], found[1]), G("...12", "...12"))


def test_connect_in_rows():
    grid = G("1..1", "....", "1.2.")
    assert same(P("connect_in_rows")(grid, 1, 8), G("1881", "....", "1.2."))


def test_connect_in_columns():
    grid = G("1..1", "....", "1.2.")
    assert same(P("connect_in_columns")(grid, 1, 8), G("1..1", "8...", "1.2."))


def test_largest_rectangle():
    grid = G("22.33", "22.33", "...33", "1....")
    rect = P("largest_rectangle")(grid, 0)
    assert (rect.top, rect.left, rect.height, rect.width, rect.color) == (0, 3, 3, 2, 3)


def test_stamp_centered():
    shape = Object(0, 0, np.array([[1, 2], [3, 4]]), np.ones((2, 2), bool))
    grid = G("....", "..5.", "....")
    assert same(P("stamp_centered")(grid, shape, 5), G("....", "..12", "..34"))


def test_minority_size():
    obj = Object(0, 0, np.array([[1, 1, 2]]), np.ones((1, 3), bool))
    assert P("minority_size")(obj) == 1


def test_flood_fill_from():
    grid = G("1..5.", "555..", "..5..")
    grid = G("1.5..", "..5..", "555..", "....3")
    assert same(P("flood_fill_from")(grid, 1, 0), G("115..", "115..", "555..", "....3"))


def test_move_cells_toward():
    grid = G("3......", ".......", "...22..", "...22..", ".......", ".....3.", "...3...")
    target = components(grid, grid == 2, 8, True)[0]
    out = P("move_cells_toward")(grid, 3, target)
    assert same(out, G(".......", ".......", "..322..", "...22..", "...33..", ".......", "......."))


def test_ray_toward():
    grid = G(".2...", ".....", "55555", ".....", "...2.")
    line = components(grid, grid == 5, 8, True)[0]
    assert same(P("ray_toward")(grid, 2, line), G(".2...", ".2...", "55555", "...2.", "...2."))


def test_ray_away():
    grid = G(".....", ".2...", "55555", "...2.", ".....")
    line = components(grid, grid == 5, 8, True)[0]
    assert same(P("ray_away")(grid, 2, line), G(".2...", ".2...", "55555", "...2.", "...2."))


def test_repeat_content():
    grid = G(".....", ".....", "1.2..", ".....", ".....")
    assert same(P("repeat_content")(grid), G("1.21.", "1.21.", "1.21.", "1.21.", "1.21."))


def test_extend_all_cells():
    grid = G("1....", "..2.3", ".....")
    assert same(P("extend_all_cells")(grid, 2), G("11111", "..223", "....."))
