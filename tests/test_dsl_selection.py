"""Selection primitives: choose, filter and order objects and grids."""

import pytest

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.objects import multicolor_objects_8, objects_4
from arc_kernel.dsl.selection import (
    all_largest,
    all_smallest,
    argmax_by,
    argmin_by,
    bottom_row,
    color_count,
    containing_color,
    drop_if,
    first_grid_where,
    first_grid_where_not,
    first_object,
    first_where,
    grid_area,
    grid_with_least_color,
    grid_with_most_color,
    is_line,
    is_square,
    is_mirror_symmetric,
    is_solid_rectangle,
    keep_if,
    largest,
    larger_than,
    last_object,
    left_column,
    most_common_grid,
    not_touching_border,
    nth_object,
    object_color,
    object_height,
    object_width,
    right_column,
    same_shape_as,
    smaller_than,
    smallest,
    sort_objects_by,
    top_row,
    unique_color_object,
    unique_shape_object,
    with_color,
    with_common_shape,
    with_size,
    without_color,
)
from grids import G


# Objects in reading order: a 1×3 bar of 1s, a single 2, an L of three 3s, a single 2, a 2×2 block of 4s.
SCENE = G(
    "111...2",
    ".......",
    "3......",
    "33..2..",
    "....44.",
    "....44.",
    ".......",
)
OBJS = objects_4(SCENE)


def colors(objects):
    return [o.color for o in objects]


def test_scene_order():
    assert colors(OBJS) == [1, 2, 3, 2, 4]


def test_object_properties():
    bar, _, ell, _, block = OBJS
    assert (object_height(ell), object_width(ell)) == (2, 2)
    assert (top_row(ell), left_column(ell), bottom_row(ell), right_column(ell)) == (2, 0, 3, 1)
    assert object_color(block) == 4
    assert color_count(multicolor_objects_8(G("12.", "...", "..."))[0]) == 2


def test_shape_tests():
    bar, single, ell, _, block = OBJS
    assert is_solid_rectangle(block) and is_solid_rectangle(bar) and not is_solid_rectangle(ell)
    assert is_line(bar) and is_line(single) and not is_line(block)
    assert is_square(block) and is_square(single) and not is_square(bar) and not is_square(ell)
    assert is_mirror_symmetric(block) and is_mirror_symmetric(bar) and not is_mirror_symmetric(ell)


def test_largest_and_smallest():
    assert largest(OBJS).color == 4
    assert smallest(OBJS).color == 2 and smallest(OBJS).top == 0
    assert colors(all_largest(OBJS)) == [4]
    assert colors(all_smallest(OBJS)) == [2, 2]
    with pytest.raises(PrimitiveError):
        largest(())


def test_arg_max_and_min_by_a_measure():
    assert argmax_by(OBJS, object_width).color == 1
    assert argmin_by(OBJS, bottom_row).color == 1
    assert argmax_by(OBJS, left_column).color == 2


def test_first_last_nth():
    assert first_object(OBJS).color == 1
    assert last_object(OBJS).color == 4
    assert nth_object(OBJS, 2).color == 3 and nth_object(OBJS, -1).color == 4
    with pytest.raises(PrimitiveError):
        nth_object(OBJS, 9)


def test_unique_colour_and_shape():
    assert unique_color_object(OBJS).color == 1
    grid = G("11.22.3.", "........", "4.......", "4.......")  # bars 1, 2 alike; 3 a dot; 4 upright
    assert unique_shape_object(objects_4(grid)).color == 3
    with pytest.raises(PrimitiveError):
        unique_shape_object(objects_4(G("1.2", "...", "...")))


def test_first_where_keep_drop():
    assert first_where(OBJS, is_solid_rectangle).color == 1
    assert colors(keep_if(OBJS, is_line)) == [1, 2, 2]
    assert colors(drop_if(OBJS, is_line)) == [3, 4]
    with pytest.raises(PrimitiveError):
        first_where((), is_line)


def test_filters_by_colour_and_size():
    assert colors(with_color(OBJS, 2)) == [2, 2]
    assert colors(without_color(OBJS, 2)) == [1, 3, 4]
    assert colors(with_size(OBJS, 3)) == [1, 3]
    assert colors(larger_than(OBJS, 1)) == [1, 3, 4]
    assert colors(smaller_than(OBJS, 3)) == [2, 2]
    mixed = multicolor_objects_8(G("12..", "....", "..33"))
    assert [o.colors for o in containing_color(mixed, 2)] == [(1, 2)]


def test_shapes_and_sorting():
    bar, single, ell, other_single, block = OBJS
    assert same_shape_as(OBJS, single) == (other_single,)
    assert colors(with_common_shape(OBJS)) == [2, 2]
    assert colors(sort_objects_by(OBJS, object_width)) == [2, 2, 3, 4, 1]


def test_not_touching_border():
    assert colors(not_touching_border(OBJS, SCENE)) == [2, 4]


def test_choosing_among_grids():
    a, b, c = G("1."), G("11"), G("1.")
    assert grid_area(G("123", "456")) == 6
    assert most_common_grid((a, b, c)).tolist() == [[1, 0]]
    assert grid_with_most_color((a, b, c), 1).tolist() == [[1, 1]]
    assert grid_with_least_color((b, a), 1).tolist() == [[1, 0]]
    symmetric = lambda g: bool((g == g[:, ::-1]).all())  # noqa: E731
    assert first_grid_where((a, b), symmetric).tolist() == [[1, 1]]
    assert first_grid_where_not((b, a), symmetric).tolist() == [[1, 0]]
    with pytest.raises(PrimitiveError):
        first_grid_where((a, c), symmetric)
