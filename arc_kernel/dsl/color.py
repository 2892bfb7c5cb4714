"""Colour: most/least common colours, palettes, recolouring, swaps and colour maps."""

from __future__ import annotations

import numpy as np

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Color, ColorMap, Colors, Grid, Int, background_color


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
    counts[background_color(grid)] = -1
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
    return Int(int((grid != background_color(grid)).sum()))


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
    return np.where(grid == color, np.uint8(background_color(grid)), grid)


@primitive
def recolor_foreground(grid: Grid, color: Color) -> Grid:
    """Paint every non-background cell (background: most common colour) with one colour."""
    return np.where(grid != background_color(grid), np.uint8(color), grid)


@primitive
def invert(grid: Grid, color: Color) -> Grid:
    """Swap figure and ground: background cells take a colour, all other cells become background."""
    background = background_color(grid)
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


# ---------------------------------------------------------------- round 2b: colour order, column/row recolouring

from arc_kernel.dsl.limits import check_grid_shape  # noqa: E402


@primitive
def colors_in_reading_order(grid: Grid) -> Colors:
    """The colours present (background included) in the order they first appear, row by row."""
    seen: list[int] = []
    for value in grid.ravel():
        if int(value) not in seen:
            seen.append(int(value))
            if len(seen) == 10:
                break
    return tuple(Color(c) for c in seen)


@primitive
def pair_colors(sources: Colors, targets: Colors) -> ColorMap:
    """The colour map sending the i-th colour of the first list to the i-th colour of the second."""
    if len(sources) != len(targets):
        raise PrimitiveError(f"{len(sources)} colours cannot pair with {len(targets)}")
    pairs: dict[int, int] = {}
    for a, b in zip(sources, targets):
        if not (0 <= int(a) <= 9 and 0 <= int(b) <= 9):
            raise PrimitiveError("not a colour")
        if pairs.get(int(a), int(b)) != int(b):
            raise PrimitiveError(f"colour {a} is sent to two colours")
        pairs[int(a)] = int(b)
    return ColorMap(pairs)


@primitive
def replace_color_in_columns(grid: Grid, step: Int, source: Color, target: Color) -> Grid:
    """In every `step`-th column (columns 0, step, 2·step…), paint the cells of colour `source` with `target`."""
    if int(step) < 1:
        raise PrimitiveError("step must be positive")
    out = grid.copy()
    part = out[:, :: int(step)]
    part[part == int(source)] = np.uint8(int(target))
    return out


@primitive
def replace_color_in_rows(grid: Grid, step: Int, source: Color, target: Color) -> Grid:
    """In every `step`-th row (rows 0, step, 2·step…), paint the cells of colour `source` with `target`."""
    if int(step) < 1:
        raise PrimitiveError("step must be positive")
    out = grid.copy()
    part = out[:: int(step), :]
    part[part == int(source)] = np.uint8(int(target))
    return out


@primitive
def color_histogram(grid: Grid) -> Grid:
    """A bar chart of the non-black colours: one column per colour, most cells first, filled from the top with one cell per cell of that colour."""
    counts = np.bincount(grid.ravel(), minlength=10)
    colors = [c for c in range(1, 10) if counts[c] > 0]
    if not colors:
        raise PrimitiveError("no non-black cells")
    colors.sort(key=lambda c: (-int(counts[c]), c))
    height = int(counts[colors[0]])
    check_grid_shape(height, len(colors))
    out = np.zeros((height, len(colors)), dtype=np.uint8)
    for k, c in enumerate(colors):
        out[: int(counts[c]), k] = c
    return out


# ---------------------------------------------------------------- round 2: the colours of the cells themselves


@primitive
def cell_colors(grid: Grid) -> Colors:
    """The colour of every non-background cell (background: the most common colour), one per cell, in reading order."""
    from arc_kernel.dsl.limits import check_count

    flat = np.asarray(grid).ravel()
    background = int(np.argmax(np.bincount(flat, minlength=10)))
    values = flat[flat != background]
    check_count(len(values))
    return tuple(Color(int(v)) for v in values)


@primitive
def map_color(color: Color, mapping: ColorMap) -> Color:
    """The colour a colour map gives to a colour (a colour not in the map stays itself)."""
    return Color(int(dict(mapping.pairs).get(int(color), int(color))))
