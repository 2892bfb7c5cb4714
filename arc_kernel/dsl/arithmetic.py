"""Counting and arithmetic on small integers: sizes, counts, sums and comparisons.

Also the few grids built straight from numbers or colour lists (a bar of a given length, a blank
grid of a given size, a column of colours), and `choose`, the one way a program branches.
"""

from __future__ import annotations

import numpy as np

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.limits import MAX_INT, check_grid_shape
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Color, Colors, Grid, Int, Ints, Object, Objects, background_color


def _bounded(value: int) -> Int:
    if abs(value) > MAX_INT:
        raise PrimitiveError(f"integer {value} beyond ±{MAX_INT}")
    return Int(int(value))


# ---------------------------------------------------------------- measures


@primitive
def size(obj: Object) -> Int:
    """Number of cells in an object."""
    return Int(obj.size)


@primitive
def count_objects(objects: Objects) -> Int:
    """How many objects there are."""
    return Int(len(objects))


@primitive
def sizes(objects: Objects) -> Ints:
    """The number of cells of each object, in the objects' order."""
    return tuple(Int(o.size) for o in objects)


@primitive
def total(values: Ints) -> Int:
    """Sum of the integers (0 for none)."""
    return _bounded(sum(values))


@primitive
def largest_value(values: Ints) -> Int:
    """The largest of the integers."""
    if not values:
        raise PrimitiveError("no integers")
    return Int(max(values))


@primitive
def smallest_value(values: Ints) -> Int:
    """The smallest of the integers."""
    if not values:
        raise PrimitiveError("no integers")
    return Int(min(values))


# ---------------------------------------------------------------- arithmetic


@primitive
def add(a: Int, b: Int) -> Int:
    """The sum a + b."""
    return _bounded(a + b)


@primitive
def subtract(a: Int, b: Int) -> Int:
    """The difference a - b."""
    return _bounded(a - b)


@primitive
def multiply(a: Int, b: Int) -> Int:
    """The product a × b."""
    return _bounded(a * b)


@primitive
def halve(a: Int) -> Int:
    """Half of a, rounded down."""
    return Int(a // 2)


@primitive
def increment(a: Int) -> Int:
    """One more than a."""
    return _bounded(a + 1)


@primitive
def decrement(a: Int) -> Int:
    """One less than a."""
    return _bounded(a - 1)


@primitive
def sign(a: Int) -> Int:
    """-1, 0 or 1: the sign of an integer (a unit step towards it)."""
    return Int((a > 0) - (a < 0))


@primitive
def minimum(a: Int, b: Int) -> Int:
    """The smaller of two integers."""
    return Int(min(a, b))


@primitive
def maximum(a: Int, b: Int) -> Int:
    """The larger of two integers."""
    return Int(max(a, b))


# ---------------------------------------------------------------- comparisons and branching


@primitive
def equals(a: Int, b: Int) -> bool:
    """Whether two integers are equal."""
    return a == b


@primitive
def greater_than(a: Int, b: Int) -> bool:
    """Whether a is greater than b."""
    return a > b


@primitive
def is_even(a: Int) -> bool:
    """Whether an integer is even."""
    return a % 2 == 0


@primitive
def choose(condition: bool, if_true: Grid, if_false: Grid) -> Grid:
    """The first grid when the condition holds, else the second."""
    return if_true if condition else if_false


# ---------------------------------------------------------------- colour lists


@primitive
def colors_by_frequency(grid: Grid) -> Colors:
    """The non-background colours, most cells first (ties: the one appearing first in reading order)."""
    flat = grid.ravel()
    counts = np.bincount(flat, minlength=10)
    first = {int(c): i for i, c in reversed(list(enumerate(flat)))}
    background = background_color(grid)
    present = [c for c in range(10) if counts[c] and c != background]
    return tuple(Color(c) for c in sorted(present, key=lambda c: (-counts[c], first[c])))


@primitive
def drop_first(colors: Colors) -> Colors:
    """All the colours but the first."""
    return colors[1:]


# ---------------------------------------------------------------- grids from numbers


@primitive
def bar(length: Int, color: Color) -> Grid:
    """A 1 × length row of one colour."""
    check_grid_shape(1, length)
    return np.full((1, length), color, dtype=np.uint8)


@primitive
def diagonal_grid(n: Int, color: Color) -> Grid:
    """An n × n black grid with `color` on its main diagonal."""
    check_grid_shape(n, n)
    return (np.eye(n, dtype=np.uint8) * np.uint8(color)).astype(np.uint8)


@primitive
def column_of_colors(colors: Colors) -> Grid:
    """A one-column grid listing the colours top to bottom."""
    check_grid_shape(len(colors), 1)
    return np.array(colors, dtype=np.uint8).reshape(-1, 1)


@primitive
def row_of_colors(colors: Colors) -> Grid:
    """A one-row grid listing the colours left to right."""
    check_grid_shape(1, len(colors))
    return np.array(colors, dtype=np.uint8).reshape(1, -1)


# ---------------------------------------------------------------- round 2b: colour sequences


@primitive
def reverse_colors(colors: Colors) -> Colors:
    """The colours in reverse order."""
    return tuple(reversed(colors))


@primitive
def rotate_colors(colors: Colors, steps: Int) -> Colors:
    """The colour sequence rotated left by `steps` places (the first colours move to the end)."""
    if not colors:
        return ()
    k = int(steps) % len(colors)
    return tuple(colors[k:]) + tuple(colors[:k])


@primitive
def object_colors(objects: Objects) -> Colors:
    """The main colour of each object, in the objects' order."""
    return tuple(Color(o.color) for o in objects)


# ---------------------------------------------------------------- round 2b: picking from a colour sequence


@primitive
def nth_color(colors: Colors, index: Int) -> Color:
    """The colour at a position of a sequence (0 is the first, -1 the last)."""
    if not -len(colors) <= int(index) < len(colors):
        raise PrimitiveError(f"no colour at position {index} of {len(colors)}")
    return Color(int(colors[int(index)]))
