"""Whole-grid geometry: rotations, mirrors, transpose, crop, scale, tile, concatenate, split."""

from __future__ import annotations

from collections import Counter
from typing import Callable

import numpy as np

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.limits import check_grid_shape
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Color, Grid, Grids, Int, background_color


@primitive
def rotate_90(grid: Grid) -> Grid:
    """Rotate the grid a quarter turn clockwise."""
    return np.rot90(grid, -1)


@primitive
def rotate_180(grid: Grid) -> Grid:
    """Rotate the grid half a turn."""
    return np.rot90(grid, 2)


@primitive
def rotate_270(grid: Grid) -> Grid:
    """Rotate the grid a quarter turn counter-clockwise."""
    return np.rot90(grid, 1)


@primitive
def flip_horizontal(grid: Grid) -> Grid:
    """Mirror the grid left to right."""
    return grid[:, ::-1]


@primitive
def flip_vertical(grid: Grid) -> Grid:
    """Mirror the grid top to bottom."""
    return grid[::-1, :]


@primitive
def transpose(grid: Grid) -> Grid:
    """Mirror the grid across its main diagonal."""
    return grid.T


@primitive
def upscale(grid: Grid, factor: int) -> Grid:
    """Scale the grid up: each cell becomes a factor × factor block."""
    check_grid_shape(grid.shape[0] * factor, grid.shape[1] * factor)
    return np.kron(grid, np.ones((factor, factor), dtype=np.uint8))


def _bounding_box(mask: np.ndarray) -> tuple[int, int, int, int]:
    """(top, bottom, left, right), exclusive ends, of the true cells of a mask; PrimitiveError if none."""
    if not mask.any():
        raise PrimitiveError("nothing to crop to")
    rows, cols = np.nonzero(mask)
    return int(rows.min()), int(rows.max()) + 1, int(cols.min()), int(cols.max()) + 1


@primitive
def flip_antidiagonal(grid: Grid) -> Grid:
    """Mirror the grid across its anti-diagonal (top-right to bottom-left)."""
    return np.rot90(grid, 2).T


@primitive
def crop_to_content(grid: Grid) -> Grid:
    """Crop the grid to the bounding box of its non-background cells (background: most common colour)."""
    top, bottom, left, right = _bounding_box(grid != background_color(grid))
    return grid[top:bottom, left:right]


@primitive
def crop_to_color(grid: Grid, color: Color) -> Grid:
    """Crop the grid to the bounding box of the cells of one colour."""
    top, bottom, left, right = _bounding_box(grid == color)
    return grid[top:bottom, left:right]


@primitive
def crop(grid: Grid, top: Int, left: Int, height: Int, width: Int) -> Grid:
    """The height × width window of the grid whose top-left cell is (top, left)."""
    if top < 0 or left < 0 or top + height > grid.shape[0] or left + width > grid.shape[1]:
        raise PrimitiveError("crop window leaves the grid")
    check_grid_shape(height, width)
    return grid[top : top + height, left : left + width]


@primitive
def trim_border(grid: Grid) -> Grid:
    """Remove the outermost ring of cells (first and last row and column)."""
    check_grid_shape(grid.shape[0] - 2, grid.shape[1] - 2)
    return grid[1:-1, 1:-1]


@primitive
def top_half(grid: Grid) -> Grid:
    """The top half of the grid (the middle row of an odd height is left out)."""
    check_grid_shape(grid.shape[0] // 2, grid.shape[1])
    return grid[: grid.shape[0] // 2]


@primitive
def bottom_half(grid: Grid) -> Grid:
    """The bottom half of the grid (the middle row of an odd height is left out)."""
    check_grid_shape(grid.shape[0] // 2, grid.shape[1])
    return grid[grid.shape[0] - grid.shape[0] // 2 :]


@primitive
def left_half(grid: Grid) -> Grid:
    """The left half of the grid (the middle column of an odd width is left out)."""
    check_grid_shape(grid.shape[0], grid.shape[1] // 2)
    return grid[:, : grid.shape[1] // 2]


@primitive
def right_half(grid: Grid) -> Grid:
    """The right half of the grid (the middle column of an odd width is left out)."""
    check_grid_shape(grid.shape[0], grid.shape[1] // 2)
    return grid[:, grid.shape[1] - grid.shape[1] // 2 :]


def _split(length: int, parts: int) -> list[tuple[int, int]]:
    """Start/end of `parts` equal pieces of `length`, skipping one-cell separators when they fit exactly."""
    if parts < 1 or parts > length:
        raise PrimitiveError(f"cannot split {length} cells into {parts} parts")
    if length % parts == 0:
        step = length // parts
        return [(i * step, (i + 1) * step) for i in range(parts)]
    if (length - (parts - 1)) % parts == 0:
        step = (length - (parts - 1)) // parts
        return [(i * (step + 1), i * (step + 1) + step) for i in range(parts)]
    raise PrimitiveError(f"{length} cells do not split into {parts} equal parts")


@primitive
def split_rows(grid: Grid, parts: Int) -> Grids:
    """Cut the grid into `parts` equal horizontal bands, top to bottom (one-row separators between them are dropped)."""
    return tuple(grid[a:b] for a, b in _split(grid.shape[0], parts))


@primitive
def split_columns(grid: Grid, parts: Int) -> Grids:
    """Cut the grid into `parts` equal vertical bands, left to right (one-column separators between them are dropped)."""
    return tuple(grid[:, a:b] for a, b in _split(grid.shape[1], parts))


@primitive
def split_quadrants(grid: Grid) -> Grids:
    """The four quadrants of the grid in reading order (a middle separator row/column is dropped)."""
    rows, cols = _split(grid.shape[0], 2), _split(grid.shape[1], 2)
    return tuple(grid[a:b, c:d] for a, b in rows for c, d in cols)


@primitive
def downscale(grid: Grid, factor: Int) -> Grid:
    """Shrink the grid by a factor, keeping the top-left cell of each factor × factor block."""
    if factor < 1 or grid.shape[0] % factor or grid.shape[1] % factor:
        raise PrimitiveError(f"grid {grid.shape} is not made of {factor}x{factor} blocks")
    return grid[::factor, ::factor]


@primitive
def downscale_blocks(grid: Grid) -> Grid:
    """Shrink a grid made of uniform rectangular blocks to one cell per block (run-lengths collapsed)."""
    row_keep = [0] + [r for r in range(1, grid.shape[0]) if not np.array_equal(grid[r], grid[r - 1])]
    col_keep = [0] + [c for c in range(1, grid.shape[1]) if not np.array_equal(grid[:, c], grid[:, c - 1])]
    return grid[np.ix_(row_keep, col_keep)]


@primitive
def dedupe_rows(grid: Grid) -> Grid:
    """Remove every row equal to the row just above it."""
    keep = [0] + [r for r in range(1, grid.shape[0]) if not np.array_equal(grid[r], grid[r - 1])]
    return grid[keep]


@primitive
def dedupe_columns(grid: Grid) -> Grid:
    """Remove every column equal to the column just left of it."""
    keep = [0] + [c for c in range(1, grid.shape[1]) if not np.array_equal(grid[:, c], grid[:, c - 1])]
    return grid[:, keep]


@primitive
def remove_lines(grid: Grid, color: Color) -> Grid:
    """Delete every row and every column made entirely of one colour."""
    rows = [r for r in range(grid.shape[0]) if not (grid[r] == color).all()]
    cols = [c for c in range(grid.shape[1]) if not (grid[:, c] == color).all()]
    check_grid_shape(len(rows), len(cols))
    return grid[np.ix_(rows, cols)]


@primitive
def resize(grid: Grid, height: Int, width: Int) -> Grid:
    """Scale the grid to height × width by repeating or sampling cells (nearest neighbour)."""
    check_grid_shape(height, width)
    rows = (np.arange(height) * grid.shape[0]) // height
    cols = (np.arange(width) * grid.shape[1]) // width
    return grid[np.ix_(rows, cols)]


@primitive
def tile(grid: Grid, rows: Int, cols: Int) -> Grid:
    """Repeat the grid rows × cols times, like tiles."""
    check_grid_shape(grid.shape[0] * rows, grid.shape[1] * cols)
    return np.tile(grid, (rows, cols))


@primitive
def mirror_tile(grid: Grid) -> Grid:
    """A 2 × 2 kaleidoscope: the grid, its left-right mirror, its top-bottom mirror and its half-turn."""
    check_grid_shape(grid.shape[0] * 2, grid.shape[1] * 2)
    top = np.hstack([grid, grid[:, ::-1]])
    return np.vstack([top, top[::-1]])


@primitive
def mirror_right(grid: Grid) -> Grid:
    """The grid followed on its right by its left-right mirror image."""
    check_grid_shape(grid.shape[0], grid.shape[1] * 2)
    return np.hstack([grid, grid[:, ::-1]])


@primitive
def mirror_down(grid: Grid) -> Grid:
    """The grid followed below by its top-bottom mirror image."""
    check_grid_shape(grid.shape[0] * 2, grid.shape[1])
    return np.vstack([grid, grid[::-1]])


@primitive
def concat_horizontal(left: Grid, right: Grid) -> Grid:
    """Place two grids of equal height side by side."""
    if left.shape[0] != right.shape[0]:
        raise PrimitiveError("grids of different heights")
    check_grid_shape(left.shape[0], left.shape[1] + right.shape[1])
    return np.hstack([left, right])


@primitive
def concat_vertical(top: Grid, bottom: Grid) -> Grid:
    """Stack two grids of equal width, the first above the second."""
    if top.shape[1] != bottom.shape[1]:
        raise PrimitiveError("grids of different widths")
    check_grid_shape(top.shape[0] + bottom.shape[0], top.shape[1])
    return np.vstack([top, bottom])


@primitive
def fractal(grid: Grid) -> Grid:
    """Replace each non-black cell by a copy of the whole grid and each black (0) cell by a black block."""
    height, width = grid.shape
    check_grid_shape(height * height, width * width)
    out = np.zeros((height * height, width * width), dtype=np.uint8)
    for r in range(height):
        for c in range(width):
            if grid[r, c] != 0:
                out[r * height : (r + 1) * height, c * width : (c + 1) * width] = grid
    return out


@primitive
def shift(grid: Grid, down: Int, right: Int) -> Grid:
    """Move the whole picture down and right (negative: up, left); vacated cells become background."""
    height, width = grid.shape
    out = np.full_like(grid, background_color(grid))
    if abs(down) < height and abs(right) < width:
        src = grid[max(0, -down) : height - max(0, down), max(0, -right) : width - max(0, right)]
        out[max(0, down) : max(0, down) + src.shape[0], max(0, right) : max(0, right) + src.shape[1]] = src
    return out


@primitive
def grid_height(grid: Grid) -> Int:
    """Number of rows of the grid."""
    return Int(grid.shape[0])


@primitive
def grid_width(grid: Grid) -> Int:
    """Number of columns of the grid."""
    return Int(grid.shape[1])


@primitive
def pad(grid: Grid, color: Color) -> Grid:
    """Surround the grid with a one-cell frame of a colour."""
    check_grid_shape(grid.shape[0] + 2, grid.shape[1] + 2)
    return np.pad(grid, 1, constant_values=color)


@primitive
def minimal_tile(grid: Grid) -> Grid:
    """The smallest top-left block whose repetition (in both directions) reproduces the grid."""
    height, width = grid.shape

    def period(lines: np.ndarray) -> int:
        for p in range(1, lines.shape[0] + 1):
            if all(np.array_equal(lines[i], lines[i % p]) for i in range(lines.shape[0])):
                return p
        return lines.shape[0]

    return grid[: period(grid), : period(grid.T)]


@primitive
def grid_at(grids: Grids, index: Int) -> Grid:
    """The grid at a position in a sequence (0 is the first, -1 the last)."""
    if not -len(grids) <= index < len(grids):
        raise PrimitiveError(f"no grid at position {index} of {len(grids)}")
    return grids[index]


@primitive
def odd_one_out(grids: Grids) -> Grid:
    """The one grid that differs from all the others (the first grid whose content is unique)."""
    keys = [(g.shape, g.tobytes()) for g in grids]
    counts = Counter(keys)  # keys.count(k) per grid was quadratic: seconds on 3600 grids
    unique = [g for g, k in zip(grids, keys) if counts[k] == 1]
    if len(unique) != 1:
        raise PrimitiveError(f"{len(unique)} unique grids, not one")
    return unique[0]


@primitive
def argmax_grid(grids: Grids, measure: Callable[[Grid], Int]) -> Grid:
    """The grid for which a measure is largest (the first on ties)."""
    if not grids:
        raise PrimitiveError("no grids")
    return max(grids, key=measure)


@primitive
def argmin_grid(grids: Grids, measure: Callable[[Grid], Int]) -> Grid:
    """The grid for which a measure is smallest (the first on ties)."""
    if not grids:
        raise PrimitiveError("no grids")
    return min(grids, key=measure)


@primitive
def tile_to_size(grid: Grid, height: Int, width: Int) -> Grid:
    """Repeat the grid in both directions and cut the result to height × width."""
    check_grid_shape(height, width)
    reps = (-(-height // grid.shape[0]), -(-width // grid.shape[1]))
    return np.tile(grid, reps)[:height, :width]


@primitive
def pad_to_size(grid: Grid, height: Int, width: Int, color: Color) -> Grid:
    """Extend the grid to height × width with a colour on the bottom and right (cut it if it is bigger)."""
    check_grid_shape(height, width)
    out = np.full((height, width), color, dtype=np.uint8)
    h, w = min(height, grid.shape[0]), min(width, grid.shape[1])
    out[:h, :w] = grid[:h, :w]
    return out


@primitive
def fill_cells_from(grid: Grid, layout: Grid) -> Grid:
    """Paint each compartment between the grid's divider lines with the colour at its position in a small layout grid."""
    from arc_kernel.dsl.objects import _divider_color, _runs

    color = _divider_color(grid)
    if color is None:
        raise PrimitiveError("the grid has no divider lines")
    row_runs = _runs((grid == color).all(axis=1))
    col_runs = _runs((grid == color).all(axis=0))
    if (len(row_runs), len(col_runs)) != layout.shape:
        raise PrimitiveError(f"{len(row_runs)}x{len(col_runs)} compartments but a {layout.shape} layout")
    out = grid.copy()
    for i, (r0, r1) in enumerate(row_runs):
        for j, (c0, c1) in enumerate(col_runs):
            out[r0:r1, c0:c1] = layout[i, j]
    return out


@primitive
def symmetrize_left_right(grid: Grid) -> Grid:
    """Overlay the grid with its left-right mirror image (background cells, the most common colour, take the mirror's colour)."""
    background = background_color(grid)
    return np.where(grid == background, grid[:, ::-1], grid)


@primitive
def symmetrize_top_bottom(grid: Grid) -> Grid:
    """Overlay the grid with its top-bottom mirror image (background cells, the most common colour, take the mirror's colour)."""
    background = background_color(grid)
    return np.where(grid == background, grid[::-1, :], grid)


# ---------------------------------------------------------------- round 2b: square blocks


@primitive
def split_squares(grid: Grid) -> Grids:
    """Cut the grid along its longer side into square blocks as wide as its shorter side, in order."""
    height, width = grid.shape
    side = min(height, width)
    if height % side or width % side:
        raise PrimitiveError(f"a {height}x{width} grid does not split into {side}x{side} squares")
    if height >= width:
        return tuple(grid[k : k + side, :] for k in range(0, height, side))
    return tuple(grid[:, k : k + side] for k in range(0, width, side))


# ---------------------------------------------------------------- round 2b: reading-order reshaping


@primitive
def reshape(grid: Grid, height: Int, width: Int) -> Grid:
    """The grid's cells in reading order laid out into height × width rows (missing cells black, extra cells dropped)."""
    check_grid_shape(int(height), int(width))
    cells = np.asarray(grid).ravel()[: int(height) * int(width)]
    out = np.zeros(int(height) * int(width), dtype=np.uint8)
    out[: len(cells)] = cells
    return out.reshape(int(height), int(width))


@primitive
def reshape_zigzag(grid: Grid, height: Int, width: Int) -> Grid:
    """The grid's cells in reading order laid out into height × width rows running alternately left to right and right to left (missing cells black)."""
    out = np.array(reshape(grid, height, width))
    out[1::2] = out[1::2, ::-1]
    return out


# ---------------------------------------------------------------- round 2: reorder rows by content


@primitive
def sort_rows_by_count(grid: Grid) -> Grid:
    """Reorder the rows by how many non-background cells each holds, fewest on top (equal rows keep their order)."""
    array = np.asarray(grid)
    counts = (array != background_color(array)).sum(axis=1)
    return array[np.argsort(counts, kind="stable")].copy()


@primitive
def pad_replicate(grid: Grid, corner: Color) -> Grid:
    """Surround the grid with a one-cell frame repeating its outer rows and columns; the four corners take a colour."""
    if not 0 <= int(corner) <= 9:
        raise PrimitiveError(f"{corner} is not a colour")
    h, w = grid.shape
    check_grid_shape(h + 2, w + 2)
    out = np.pad(np.asarray(grid), 1, mode="edge")
    out[0, 0] = out[0, -1] = out[-1, 0] = out[-1, -1] = int(corner)
    return out
