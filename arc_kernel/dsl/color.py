"""Colour: most/least common colours, palettes, recolouring, swaps and colour maps."""

from __future__ import annotations

import numpy as np

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Color, ColorMap, Colors, Grid, Int


@primitive
def most_common_color(grid: Grid) -> Color:
    """The colour covering the most cells (ties go to the smallest colour)."""
    return Color(int(np.argmax(np.bincount(grid.ravel(), minlength=10))))


@primitive
def replace_color(grid: Grid, source: Color, target: Color) -> Grid:
    """Paint every cell of colour `source` with colour `target`."""
    return np.where(grid == source, np.uint8(target), grid)


@primitive
def apply_color_map(grid: Grid, mapping: ColorMap) -> Grid:
    """Recolour every cell through a colour map (colours not in the map stay)."""
    return mapping.apply(grid)


def _background(grid: np.ndarray) -> int:
    return int(np.argmax(np.bincount(grid.ravel(), minlength=10)))


def _counts(grid: np.ndarray) -> np.ndarray:
    return np.bincount(grid.ravel(), minlength=10)


@primitive
def least_common_color(grid: Grid) -> Color:
    """The colour present on the fewest cells (ties go to the smallest colour)."""
    counts = _counts(grid).astype(np.int64)
    counts[counts == 0] = np.iinfo(np.int64).max
    return Color(int(np.argmin(counts)))


@primitive
def most_common_foreground(grid: Grid) -> Color:
    """The most common colour other than the background (the most common colour overall)."""
    counts = _counts(grid).astype(np.int64)
    counts[_background(grid)] = -1
    if counts.max() <= 0:
        raise PrimitiveError("the grid has only one colour")
    return Color(int(np.argmax(counts)))


@primitive
def palette(grid: Grid) -> Colors:
    """The colours present in the grid, ascending."""
    return tuple(Color(int(c)) for c in np.flatnonzero(_counts(grid)))


@primitive
def count_colors(grid: Grid) -> Int:
    """How many different colours the grid holds."""
    return Int(int((_counts(grid) > 0).sum()))


@primitive
def count_color(grid: Grid, color: Color) -> Int:
    """How many cells have a colour."""
    return Int(int((grid == color).sum()))


@primitive
def count_foreground(grid: Grid) -> Int:
    """How many cells differ from the background (the most common colour)."""
    return Int(int((grid != _background(grid)).sum()))


@primitive
def swap_colors(grid: Grid, first: Color, second: Color) -> Grid:
    """Exchange two colours everywhere."""
    return np.where(grid == first, np.uint8(second), np.where(grid == second, np.uint8(first), grid))


@primitive
def keep_color(grid: Grid, color: Color) -> Grid:
    """Keep the cells of one colour; every other cell becomes black (0)."""
    return np.where(grid == color, grid, np.uint8(0))


@primitive
def erase_color(grid: Grid, color: Color) -> Grid:
    """Paint the cells of a colour with the background (the most common colour)."""
    return np.where(grid == color, np.uint8(_background(grid)), grid)


@primitive
def recolor_foreground(grid: Grid, color: Color) -> Grid:
    """Paint every non-background cell (background: most common colour) with one colour."""
    return np.where(grid != _background(grid), np.uint8(color), grid)


@primitive
def invert(grid: Grid, color: Color) -> Grid:
    """Swap figure and ground: background cells take a colour, all other cells become background."""
    background = _background(grid)
    return np.where(grid == background, np.uint8(color), np.uint8(background))


def _same_shape(first: np.ndarray, second: np.ndarray) -> None:
    if first.shape != second.shape:
        raise PrimitiveError(f"grids of different shapes {first.shape} and {second.shape}")


@primitive
def cells_and(first: Grid, second: Grid, color: Color) -> Grid:
    """Cell by cell: colour where both grids are non-black (non-zero), black elsewhere."""
    _same_shape(first, second)
    return np.where((first != 0) & (second != 0), np.uint8(color), np.uint8(0))


@primitive
def cells_or(first: Grid, second: Grid, color: Color) -> Grid:
    """Cell by cell: colour where either grid is non-black (non-zero), black elsewhere."""
    _same_shape(first, second)
    return np.where((first != 0) | (second != 0), np.uint8(color), np.uint8(0))


@primitive
def cells_xor(first: Grid, second: Grid, color: Color) -> Grid:
    """Cell by cell: colour where exactly one grid is non-black (non-zero), black elsewhere."""
    _same_shape(first, second)
    return np.where((first != 0) ^ (second != 0), np.uint8(color), np.uint8(0))


@primitive
def cells_nor(first: Grid, second: Grid, color: Color) -> Grid:
    """Cell by cell: colour where both grids are black (zero), black elsewhere."""
    _same_shape(first, second)
    return np.where((first == 0) & (second == 0), np.uint8(color), np.uint8(0))


@primitive
def cells_and_not(first: Grid, second: Grid, color: Color) -> Grid:
    """Cell by cell: colour where the first grid is non-black and the second is black, black elsewhere."""
    _same_shape(first, second)
    return np.where((first != 0) & (second == 0), np.uint8(color), np.uint8(0))


@primitive
def color_at(grid: Grid, row: Int, col: Int) -> Color:
    """The colour of the cell at (row, column); negative indices count from the end."""
    if not (-grid.shape[0] <= row < grid.shape[0] and -grid.shape[1] <= col < grid.shape[1]):
        raise PrimitiveError(f"cell ({row}, {col}) is off the grid")
    return Color(int(grid[row, col]))


@primitive
def recolor_nonzero(grid: Grid, color: Color) -> Grid:
    """Paint every non-black (non-zero) cell with one colour."""
    return np.where(grid != 0, np.uint8(color), np.uint8(0))


@primitive
def uniform_rows(grid: Grid, color: Color) -> Grid:
    """Rows made of a single colour become `color`; every other row becomes black (0)."""
    uniform = (grid == grid[:, :1]).all(axis=1)
    return np.where(uniform[:, None], np.uint8(color), np.zeros_like(grid))
