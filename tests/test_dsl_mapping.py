"""Per-object mapping primitives: small grids in, the expected grid out."""


from arc_kernel.dsl.objects import components
from arc_kernel.dsl.types import ColorMap, Object
from grids import G, P, objs, same


def shift_right(obj: Object) -> Object:
    return Object(obj.top, obj.left + 1, obj.patch, obj.mask)


def test_map_objects():
    grid = G("1...", "..2.")
    assert same(P("map_objects")(grid, objs(grid), shift_right), G(".1..", "...2"))


def test_paint_mapped_keeps_originals():
    grid = G("1...", "..2.")
    assert same(P("paint_mapped")(grid, objs(grid), shift_right), G("11..", "..22"))


def test_recolor_objects():
    grid = G("1.2", "...")
    assert same(P("recolor_objects")(grid, objs(grid), 5), G("5.5", "..."))


def test_recolor_if():
    grid = G("11.2", "....")
    assert same(P("recolor_if")(grid, objs(grid), lambda o: o.size > 1, 3), G("33.2", "...."))


def test_erase_if():
    grid = G("11.2", "....")
    assert same(P("erase_if")(grid, objs(grid), lambda o: o.size == 1), G("11..", "...."))


def test_recolor_by():
    grid = G("11.1", "....", "111.")
    out = P("recolor_by")(grid, objs(grid), lambda o: o.width, ColorMap({2: 4, 3: 5}))
    assert same(out, G("44.1", "....", "555."))


def test_recolor_by_size():
    grid = G("11.1", "....", "111.")
    assert same(P("recolor_by_size")(grid, objs(grid), ColorMap({1: 7, 3: 8})), G("11.7", "....", "888."))


def test_recolor_by_size_rank():
    grid = G("11.1", "....", "111.")
    out = P("recolor_by_size_rank")(grid, objs(grid), ColorMap({1: 2, 2: 3, 3: 4}))
    assert same(out, G("33.4", "....", "222."))


def test_recolor_by_size_rank_ascending():
    grid = G("11.1", "....", "111.")
    out = P("recolor_by_size_rank_ascending")(grid, objs(grid), ColorMap({1: 2}))
    assert same(out, G("11.2", "....", "111."))


def test_recolor_largest_smallest():
    grid = G("11.1", "....", "111.")
    assert same(P("recolor_largest_smallest")(grid, objs(grid), 2, 3), G("11.3", "....", "222."))


def test_recolor_same_shape():
    grid = G("11.2.", ".....", "3..44")
    found = objs(grid)
    assert same(P("recolor_same_shape")(grid, found, found[0], 9), G("99.2.", ".....", "3..99"))


def test_recolor_by_color_map():
    grid = G("12.3", "21..")
    found = components(grid, grid != 0, 8, False)
    out = P("recolor_by_color_map")(grid, found[:1], ColorMap({1: 2, 2: 1, 3: 5}))
    assert same(out, G("21.3", "12.."))


def test_fill_holes():
    grid = G("111..", "1.1..", "111..", "....2")
    assert same(P("fill_holes")(grid, objs(grid), 4), G("111..", "141..", "111..", "....2"))


def test_fill_bboxes():
    grid = G("1...", ".1..", "..2.")
    assert same(P("fill_bboxes")(grid, objs(grid), 3), G("13..", "31..", "..2."))


def test_fill_interiors():
    grid = G("5555.", "5555.", "5555.", ".....")
    assert same(P("fill_interiors")(grid, objs(grid), 2), G("5555.", "5225.", "5555.", "....."))


def test_outline_objects():
    grid = G(".....", ".1...", ".....", "....2")
    assert same(P("outline_objects")(grid, objs(grid)[:1], 3), G("333..", "313..", "333..", "....2"))


def test_halo_objects():
    grid = G("....", ".1..", "....")
    assert same(P("halo_objects")(grid, objs(grid), 2), G("222.", "212.", "222."))


def test_map_grids():
    grids = (G("12"), G("34"))
    out = P("map_grids")(grids, lambda g: g[:, ::-1])
    assert same(out[0], G("21")) and same(out[1], G("43"))


def test_map_cells():
    grid = G("12..", "....", "..34")
    found = components(grid, grid != 0, 8, False)
    out = P("map_cells")(grid, found, lambda g: g[:, ::-1])
    assert same(out, G("21..", "....", "..43"))


def test_fill_corners():
    grid = G("555.", "555.", "....")
    assert same(P("fill_corners")(grid, objs(grid), 1), G("151.", "151.", "...."))


def test_recolor_every_other():
    grid = G("1111.", ".....", "2....", ".2...", "..2..")
    out = P("recolor_every_other")(grid, objs(grid), 5)
    assert same(out, G("1515.", ".....", "2....", ".5...", "..2.."))


def test_mark_outer_corners():
    grid = G("....", ".55.", "....", "....")
    out = P("mark_outer_corners")(grid, objs(grid), 1, 2, 3, 4)
    assert same(out, G("1..2", ".55.", "3..4", "...."))
