"""Objects and segmentation primitives: small grids in, the expected objects or grids out."""

import numpy as np
import pytest

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.objects import (
    bounding_box_gaps,
    cell_objects,
    cells_of_color,
    color_partition,
    crop_objects,
    divider_color,
    fill_cells,
    filled_bounding_box,
    grid_to_object,
    has_hole,
    hole_count,
    merge_objects,
    multicolor_objects_4,
    multicolor_objects_8,
    multicolor_objects_8_except,
    object_halo,
    object_holes,
    object_interior,
    object_outline,
    object_to_grid,
    object_with_holes_filled,
    objects_4,
    objects_4_except,
    objects_8,
    objects_8_except,
    recolor_object,
    regions_of_color,
    split_by_color,
    split_cells,
    summarize_cells,
)
from arc_kernel.dsl.painting import paint_object
from arc_kernel.dsl.patterns import is_symmetric_diagonal, mirror_around_object
from arc_kernel.dsl.types import as_grid
from grids import G, same


def draw(obj, height, width):
    """The object painted on a black grid."""
    return paint_object(as_grid(np.zeros((height, width), dtype=np.uint8)), obj)


SCENE = G(
    "11....",
    ".1..2.",
    "....22",
    "3.....",
    ".3....",
)


def test_objects_4_splits_diagonal_neighbours():
    found = objects_4(SCENE)
    assert [(o.top, o.left, o.size, o.color) for o in found] == [(0, 0, 3, 1), (1, 4, 3, 2), (3, 0, 1, 3), (4, 1, 1, 3)]


def test_objects_8_joins_diagonal_neighbours():
    found = objects_8(SCENE)
    assert [(o.top, o.left, o.size) for o in found] == [(0, 0, 3), (1, 4, 3), (3, 0, 2)]


def test_multicolor_objects_8_mixes_colours():
    grid = G("12..", "...3", "..3.")
    found = multicolor_objects_8(grid)
    assert [(o.size, o.colors) for o in found] == [(2, (1, 2)), (2, (3,))]


def test_multicolor_objects_4():
    grid = G("12..", "...3", "..3.")
    assert [o.size for o in multicolor_objects_4(grid)] == [2, 1, 1]


def test_objects_with_explicit_background():
    grid = G("555", "515", "555")  # 5 is the most common colour, but 0-free: treat 1 as background
    found = objects_4_except(grid, 1)
    assert len(found) == 1 and found[0].size == 8 and found[0].color == 5
    assert len(objects_8_except(G("1.", ".1"), 0)) == 1
    found = multicolor_objects_8_except(G("12", "..", "..", "3."), 0)
    assert [(o.size, o.colors) for o in found] == [(2, (1, 2)), (1, (3,))]


def test_regions_of_color_include_background():
    grid = G("..1..", "..1..", "11111", "..1..")
    regions = regions_of_color(grid, 0)
    assert [(r.top, r.left, r.size) for r in regions] == [(0, 0, 4), (0, 3, 4), (3, 0, 2), (3, 3, 2)]


def test_color_partition_one_object_per_colour():
    grid = G("1..2", "....", "1..2", "...3")
    parts = color_partition(grid)
    assert [(p.color, p.size, p.height, p.width) for p in parts] == [(1, 2, 3, 1), (2, 2, 3, 1), (3, 1, 1, 1)]


def test_cells_of_color():
    obj = cells_of_color(G("2..", "..2"), 2)
    assert (obj.top, obj.left, obj.size, obj.width) == (0, 0, 2, 3)
    with pytest.raises(PrimitiveError):
        cells_of_color(G("2.."), 5)


def test_split_cells_between_divider_lines():
    grid = G("1.5.2", "..5..", "55555", "3.5.4")
    cells = split_cells(grid)
    assert [c.tolist() for c in cells] == [[[1, 0], [0, 0]], [[0, 2], [0, 0]], [[3, 0]], [[0, 4]]]
    assert divider_color(grid) == 5


def test_split_cells_prefers_non_background_dividers():
    grid = G("...5...", ".1.5.2.", "...5...")
    assert [c.shape for c in split_cells(grid)] == [(3, 3), (3, 3)]


def test_cell_objects_keep_their_places():
    cells = cell_objects(G("1.5.2", "..5..", "55555", "3.5.4"))
    assert [(c.top, c.left, c.height, c.width) for c in cells] == [(0, 0, 2, 2), (0, 3, 2, 2), (3, 0, 1, 2), (3, 3, 1, 2)]


def test_object_to_grid_and_back():
    obj = objects_8(G(".....", ".1...", "..1..", "....."))[0]
    assert same(object_to_grid(obj), G("1.", ".1"))
    back = grid_to_object(G("....", ".2..", "...."))
    assert (back.top, back.left, back.size, back.color) == (1, 1, 1, 2)


def test_crop_objects():
    grid = G("12..", "3...", "..45")
    crops = crop_objects(grid, multicolor_objects_4(grid))
    assert [c.tolist() for c in crops] == [[[1, 2], [3, 0]], [[4, 5]]]


def test_merge_objects():
    merged = merge_objects(objects_4(G("1..", "..2")))
    assert (merged.top, merged.left, merged.size, merged.colors) == (0, 0, 2, (1, 2))
    assert same(draw(merged, 2, 3), G("1..", "..2"))


def test_recolor_object():
    obj = recolor_object(objects_4(G("11", ".."))[0], 7)
    assert same(draw(obj, 2, 2), G("77", ".."))


def test_filled_bounding_box():
    obj = color_partition(G("1..", "...", "..1"))[0]
    assert same(draw(filled_bounding_box(obj), 3, 3), G("111", "111", "111"))


def test_bounding_box_gaps():
    obj = objects_8(G("11.", ".1.", "..."))[0]
    gaps = bounding_box_gaps(obj)
    assert same(draw(gaps, 2, 2), G("..", "1."))


def test_object_interior_and_outline():
    obj = objects_4_except(G("1111", "1111", "1111"), 0)[0]
    assert same(draw(object_interior(obj), 3, 4), G("....", ".11.", "...."))
    assert same(draw(object_outline(obj), 3, 4), G("1111", "1..1", "1111"))


def test_holes():
    ring = objects_4(G("111.", "1.1.", "111.", "...."))[0]
    assert has_hole(ring) and hole_count(ring) == 1
    assert same(draw(object_holes(ring), 3, 3), G("...", ".1.", "..."))
    assert same(draw(object_with_holes_filled(ring), 3, 3), G("111", "111", "111"))
    cup = objects_4(G("1.1", "111"))[0]
    assert not has_hole(cup) and hole_count(cup) == 0
    two = objects_4_except(G("11111", "1.1.1", "11111"), 0)[0]
    assert hole_count(two) == 2


def test_object_halo():
    obj = objects_4(G("...", ".2.", "..."))[0]
    assert same(draw(object_halo(obj), 3, 3), G("222", "2.2", "222"))


def test_split_by_color():
    obj = multicolor_objects_8(G("12.", "21.", "...", "..."))[0]
    parts = split_by_color(obj)
    assert sorted((p.color, p.size) for p in parts) == [(1, 2), (2, 2)]


def most_common(grid):
    return int(np.argmax(np.bincount(grid.ravel(), minlength=10)))


def least_common_present(grid):
    counts = np.bincount(grid.ravel(), minlength=10)
    return int(min((c for c in range(10) if counts[c]), key=lambda c: counts[c]))


def test_summarize_cells_keeps_the_layout():
    grid = G("11115.2.", "11..5...", "55555555", "....5333")
    assert same(summarize_cells(grid, most_common), G("1.", ".3"))


def test_fill_cells_in_place():
    grid = G("...5...", ".1.5.2.", "...5...")
    assert same(fill_cells(grid, least_common_present), G("1115222", "1115222", "1115222"))


def test_is_symmetric_diagonal():
    assert is_symmetric_diagonal(G("12", "23"))
    assert not is_symmetric_diagonal(G("12", "33"))
    assert not is_symmetric_diagonal(G("11"))


def test_mirror_around_object():
    grid = G(".....", ".1...", "..3..", ".....", ".....")
    centre = objects_4(grid)[1]
    assert centre.color == 3
    assert same(mirror_around_object(grid, centre), G(".....", ".1.1.", "..3..", ".1.1.", "....."))
