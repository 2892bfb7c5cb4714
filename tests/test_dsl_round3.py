"""Round-3 primitives: small grids in, the expected grid (or value) out."""

import numpy as np
import pytest

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.types import ColorMap, Object
from grids import G, P, same


def obj_of(grid, color):
    """All cells of one colour of a grid as an object."""
    return P("cells_of_color")(grid, color)


# ---------------------------------------------------------------- objects


def test_largest_rectangle_of():
    grid = G("1.....1", "1..1..1", "1..1..1")
    best = P("largest_rectangle_of")(grid, 0, 2)
    assert (best.top, best.left, best.height, best.width) == (0, 1, 3, 2)
    thin = P("largest_rectangle_of")(G("1.....1", "1.1.1.1"), 0, 1)
    assert (thin.top, thin.left, thin.height, thin.width) == (0, 1, 1, 5)
    with pytest.raises(PrimitiveError):
        P("largest_rectangle_of")(grid, 0, 4)


def test_summarize_cells_by_count():
    grid = G("6.5..", "6.5.6", "55555", "..5..", "..56.")
    assert same(P("summarize_cells_by_count")(grid, ColorMap({2: 1, 1: 3})), G("13", ".3"))


def test_fill_fullest_cells():
    grid = G("2.5..", "2.5.2", "55555", "..5.2", "..52.")
    assert same(P("fill_fullest_cells")(grid), G("225..", "225..", "55555", "..522", "..522"))


def test_fit_together():
    first = obj_of(G("33", "3.", "3."), 3)
    second = Object(0, 5, np.array([[7], [7]]), np.array([[True], [True]]))
    assert same(P("fit_together")(first, second), G("33", "37", "37"))
    with pytest.raises(PrimitiveError):
        P("fit_together")(first, obj_of(G("7"), 7))


def test_line_crossings():
    grid = G(".3..", "2222", ".3..", ".3..")
    crossing = P("line_crossings")(grid)
    assert crossing.cells() == [(1, 1, 2)]
    with pytest.raises(PrimitiveError):
        P("line_crossings")(G("1..", "...", "..."))


# ---------------------------------------------------------------- selection


def test_enclosed_objects():
    grid = G("......", ".5555.", ".5.25.", ".5555.", "2.....")
    objects = P("objects_4")(grid)
    assert [o.color for o in P("enclosed_objects")(grid, objects)] == [2]


def test_corner_and_branch_counts():
    ell = obj_of(G("1.", "1.", "11"), 1)
    you = obj_of(G("1.1", "111"), 1)
    tee = obj_of(G("111", ".1.", ".1."), 1)
    assert [P("corner_count")(o) for o in (ell, you, tee)] == [1, 2, 0]
    assert [P("branch_count")(o) for o in (ell, you, tee)] == [0, 0, 1]


# ---------------------------------------------------------------- painting


def test_project_onto_object():
    grid = G("..3...", "......", "..88..", "..88.4", "......")
    block = obj_of(grid, 8)
    assert same(P("project_onto_object")(grid, block), G("..3...", "......", "..38..", "..84.4", "......"))


def test_move_by_own_size():
    grid = G("....", "....", "....", ".11.", ".11.")
    objects = P("objects_4")(grid)
    assert same(P("move_by_own_size")(grid, objects, 0), G("....", ".11.", ".11.", "....", "...."))


def test_align_to_object():
    grid = G("1....", "1..2.", "...2.", ".....")
    objects = P("objects_4")(grid)
    reference = P("first_object")(P("with_color")(objects, 1))
    assert same(P("align_to_object")(grid, objects, reference, 0), G("1..2.", "1..2.", ".....", "....."))
    with pytest.raises(PrimitiveError):
        P("align_to_object")(grid, objects, reference, 1)


def test_fill_gap():
    grid = G("22....", "22..33", "22..33", "22..33", "......")
    objects = P("objects_4")(grid)
    first, second = objects[0], objects[1]
    assert same(P("fill_gap")(grid, first, second, 8, 0), G("22....", "228833", "228833", "228833", "......"))
    assert same(P("fill_gap")(grid, first, second, 8, 1), G("22....", "22..33", "228833", "22..33", "......"))


def test_connect_edge_pairs():
    grid = G("..3..", "3...3", ".....", "..3..")
    assert same(P("connect_edge_pairs")(grid, 3), G("..3..", "33333", "..3..", "..3.."))


def test_mirror_onto_marker():
    grid = G("......", ".442..", "..42..", "......")
    objects = P("objects_8")(grid)
    shape = P("first_object")(P("with_color")(objects, 4))
    marker = P("first_object")(P("with_color")(objects, 2))
    assert same(P("mirror_onto_marker")(grid, shape, marker), G("......", ".4444.", "..44..", "......"))


def test_ray_through_bulk():
    grid = G("......", ".2....", ".22...", ".122..", ".22...", ".2....")
    objects = P("multicolor_objects_8")(grid)
    assert same(P("ray_through_bulk")(grid, objects), G("......", ".2....", ".22...", ".12211", ".22...", ".2...."))


def test_rays_from_open_corners():
    grid = G(".....", ".....", "..7..", "..77.", ".....")
    assert same(P("rays_from_open_corners")(grid, P("objects_8")(grid)), G(".....", "....7", "..7..", "..77.", "....."))


def test_mirror_across_nearest():
    grid = G("......", "......", "2222..", "2..2..", "..5...")
    objects = P("objects_8")(grid)
    out = P("mirror_across_nearest")(grid, P("with_color")(objects, 5), P("with_color")(objects, 2))
    assert same(out, G("..5...", "......", "2222..", "2..2..", "......"))


def test_complete_copies():
    grid = G("123....", ".......", "....3..", "....2..", ".......")
    template = P("first_object")(P("multicolor_objects_8")(G("123....", ".......", ".......", ".......", ".......")))
    pieces = P("multicolor_objects_8")(grid)
    assert same(P("complete_copies")(grid, template, pieces), G("123....", ".......", "....3..", "....2..", "....1.."))


# ---------------------------------------------------------------- mapping


def test_fill_half():
    grid = G(".1.", ".1.", ".1.", ".11", "...")
    assert same(P("fill_half")(grid, P("objects_4")(grid), 4, 8), G(".1.", ".1.", ".8.", ".88", "..."))
    with pytest.raises(PrimitiveError):
        P("fill_half")(grid, P("objects_4")(grid), 3, 8)


def test_recolor_like_templates():
    grid = G("2....", "22.1.", "...11", "1....")
    objects = P("objects_4")(grid)
    templates = P("with_color")(objects, 2)
    assert same(P("recolor_like_templates")(grid, objects, templates), G("2....", "22.2.", "...22", "1...."))


def test_transform_objects_and_erase_alternate():
    grid = G(".......", ".44444.", ".44444.", ".44444.", ".......", ".......")
    interiors = P("transform_objects")(P("objects_4")(grid), P("object_interior"))
    assert [o.size for o in interiors] == [3]
    out = P("erase_alternate")(grid, interiors, 0)
    assert same(out, G(".......", ".44444.", ".4.4.4.", ".44444.", ".......", "......."))


# ---------------------------------------------------------------- geometry and patterns


def test_pad_replicate():
    assert same(P("pad_replicate")(G("12", "38"), 0), G(".12.", "1122", "3388", ".38."))


def test_complete_mirror_object():
    grid = G("......", ".33.3.", ".3....", "......")
    assert same(P("complete_mirror_object")(grid, obj_of(grid, 3)), G("......", ".3333.", ".3..3.", "......"))


def test_extend_pattern_down():
    grid = G("1...", ".1..", "..1.")
    assert same(P("extend_pattern_down")(grid, 4), G("1...", ".1..", "..1.", "...1"))
    with pytest.raises(PrimitiveError):
        P("extend_pattern_down")(G("12", "34"), 3)


def test_overlay_windows_at():
    grid = G("6.....", ".5..5.", "....7.", "......")
    assert same(P("overlay_windows_at")(grid, 5, 1), G("6..", ".5.", ".7."))


def test_repeat_segments():
    grid = G("......", "12....", "......")
    assert same(P("repeat_segments")(grid), G("......", "121212", "......"))


def test_complete_rotation_symmetry():
    grid = G(".....", ".44..", ".443.", ".....", ".....")
    assert same(P("complete_rotation_symmetry")(grid), G("..3..", "344..", ".443.", ".3...", "....."))


# ---------------------------------------------------------------- later additions


def test_sweep_toward_markers():
    grid = G(".....", ".....", ".....", ".42..", ".44..")
    out = P("sweep_toward_markers")(grid, P("multicolor_objects_8")(grid), 2)
    assert same(out, G("....4", "...44", "..444", ".444.", ".44.."))


def test_clusters():
    grid = G("2.2...2", ".......", "..3....")
    assert [o.size for o in P("clusters_of_color")(grid, 2, 1)] == [2, 1]
    assert [o.size for o in P("clusters")(grid, 1)] == [3, 1]
    with pytest.raises(PrimitiveError):
        P("clusters")(grid, 9)


def test_piece_count_and_is_multicolor():
    checker = obj_of(G("1.1", ".1.", "1.1"), 1)
    assert P("piece_count")(checker) == 5
    assert P("is_multicolor")(checker) is False
    mixed = P("first_object")(P("multicolor_objects_8")(G("12", "..")))
    assert P("is_multicolor")(mixed) is True


def test_draw_spiral():
    out = P("draw_spiral")(G("......", "......", "......", "......", "......", "......"), 3)
    assert same(out, G("333333", ".....3", "3333.3", "3.33.3", "3....3", "333333"))


def test_draw_square_rings():
    grid = G(".......", ".......", ".......", "...5...", ".......", ".......", ".......")
    center = obj_of(grid, 5)
    out = P("draw_square_rings")(grid, center, 2, 8)
    assert same(out, G(".......", ".88888.", ".8...8.", ".8.5.8.", ".8...8.", ".88888.", "......."))


def test_mirror_object_and_translated_copies():
    template = obj_of(G("3.", "33"), 3)
    assert P("mirror_object")(template).cells() == [(0, 1, 3), (1, 0, 3), (1, 1, 3)]
    grid = G("43....", ".3....", "......", "....4.", "......")
    pieces = P("multicolor_objects_8")(grid)
    out = P("complete_translated_copies")(grid, P("keep_if")(pieces, P("is_multicolor")), pieces)
    assert same(out, G("43....", ".3....", "......", "....43", ".....3"))


def test_copy_onto_anchors():
    grid = G("12.....", "1......", ".......", "...22..", "...22..", ".......")
    template = P("first_object")(P("multicolor_objects_8")(G("12.....", "1......", ".......", ".......", ".......", ".......")))
    out = P("copy_onto_anchors")(grid, P("singleton")(template))
    assert same(out, G("12.....", "1......", ".......", ".1122..", ".1122..", ".11...."))
