"""Arithmetic primitives (counts, integer maths, comparisons, grids from numbers): examples of use."""

import pytest

from arc_kernel.dsl.errors import DSLError, PrimitiveError
from arc_kernel.dsl.objects import components
from grids import G, P, same


GRID = G("11..2", "1...2", "....2", "3....")
OBJECTS = components(GRID, GRID != 0, 4, True)  # sizes 3, 3, 1 in reading order


def test_size_and_count_objects():
    assert [P("size")(o) for o in OBJECTS] == [3, 3, 1]
    assert P("count_objects")(OBJECTS) == 3


def test_sizes_total_largest_smallest():
    assert P("sizes")(OBJECTS) == (3, 3, 1)
    assert P("total")(P("sizes")(OBJECTS)) == 7
    assert P("total")(()) == 0
    assert P("largest_value")((3, 7, 1)) == 7
    assert P("smallest_value")((3, 7, 1)) == 1
    with pytest.raises(PrimitiveError):
        P("largest_value")(())
    with pytest.raises(PrimitiveError):
        P("smallest_value")(())


def test_add_subtract_multiply():
    assert P("add")(2, 3) == 5
    assert P("subtract")(2, 3) == -1
    assert P("multiply")(4, 3) == 12
    with pytest.raises(DSLError):
        P("multiply")(999, 999)


def test_halve_increment_decrement():
    assert P("halve")(7) == 3
    assert P("increment")(7) == 8
    assert P("decrement")(7) == 6


def test_sign():
    assert [P("sign")(v) for v in (-4, 0, 7)] == [-1, 0, 1]


def test_minimum_maximum():
    assert P("minimum")(4, 9) == 4
    assert P("maximum")(4, 9) == 9


def test_comparisons():
    assert P("equals")(3, 3) and not P("equals")(3, 4)
    assert P("greater_than")(4, 3) and not P("greater_than")(3, 3)
    assert P("is_even")(4) and not P("is_even")(5)


def test_choose():
    a, b = G("1"), G("2")
    assert same(P("choose")(True, a, b), a)
    assert same(P("choose")(False, a, b), b)


def test_colors_by_frequency_and_drop_first():
    grid = G("....", ".33.", ".2.4", ".244")
    # 0 is the background; 4 and 2 and 3 have 3, 2, 2 cells; 3 appears first in reading order
    assert P("colors_by_frequency")(grid) == (4, 3, 2)
    assert P("drop_first")((4, 3, 2)) == (3, 2)
    assert P("drop_first")(()) == ()


def test_bar():
    assert same(P("bar")(3, 7), G("777"))
    with pytest.raises(DSLError):
        P("bar")(0, 7)


def test_diagonal_grid():
    assert same(P("diagonal_grid")(3, 8), G("8..", ".8.", "..8"))


def test_column_and_row_of_colors():
    assert same(P("column_of_colors")((4, 2, 3)), G("4", "2", "3"))
    assert same(P("row_of_colors")((4, 2, 3)), G("423"))
    with pytest.raises(DSLError):
        P("column_of_colors")(())
