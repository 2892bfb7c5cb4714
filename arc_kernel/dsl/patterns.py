"""Patterns: symmetry completion, periodic tiling completion, denoising, template occurrences.

Also cell-wise comparison and stacking of same-shape grids (the usual last step after splitting a
grid in parts; the and/or/xor combinations live in `color`). "Unknown" cells are the cells of a
colour named by the program; completion fills them from the grid's own mirror images or period and
leaves the rest as they are. Stacking treats black (colour 0) as empty.
"""

from __future__ import annotations

import functools

import numpy as np

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.limits import check_count, check_grid_shape, tick
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Color, Grid, Grids, Object, Objects, as_grid, background_color

# ---------------------------------------------------------------- helpers


def _same_shape(a: np.ndarray, b: np.ndarray) -> None:
    if a.shape != b.shape:
        raise PrimitiveError(f"grids differ in shape: {a.shape} and {b.shape}")


def _bounding_box(mask: np.ndarray) -> tuple[int, int, int, int]:
    rows, cols = np.nonzero(mask)
    if rows.size == 0:
        raise PrimitiveError("no cells of that colour")
    return int(rows.min()), int(rows.max()) + 1, int(cols.min()), int(cols.max()) + 1


# ---------------------------------------------------------------- symmetry


def _symmetry_candidates(height: int, width: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Images (row, column) of every cell under the mirror/rotation symmetries worth trying.

    Mirror axes may sit up to a few cells off the centre (patterns often have a border on one side);
    centred candidates come first.
    """
    rows, cols = np.indices((height, width))
    reach = 4
    candidates: list[tuple[int, tuple[np.ndarray, np.ndarray]]] = []
    for offset in range(-reach, reach + 1):
        sv, sh = height - 1 + offset, width - 1 + offset
        candidates.append((abs(offset), (rows, sh - cols)))  # left-right mirror
        candidates.append((abs(offset), (sv - rows, cols)))  # top-bottom mirror
        candidates.append((abs(offset), (cols + offset, rows - offset)))  # main-diagonal mirror
        side = max(height, width) - 1 + offset
        candidates.append((abs(offset), (side - cols, side - rows)))  # anti-diagonal mirror
    for dv in range(-reach, reach + 1):
        for dh in range(-reach, reach + 1):
            candidates.append((max(abs(dv), abs(dh)), (height - 1 + dv - rows, width - 1 + dh - cols)))  # half turn
    for offset in range(-reach, reach + 1):
        side = max(height, width) - 1 + offset
        candidates.append((abs(offset), (cols, side - rows)))  # quarter turn
        candidates.append((abs(offset), (side - cols, rows)))  # three-quarter turn
    candidates.sort(key=lambda item: item[0])
    return [maps for _, maps in candidates]


@functools.lru_cache(maxsize=32)  # at most ~1 MB per 30x30 shape
def _symmetry_maps(height: int, width: int) -> tuple[tuple[tuple[np.ndarray, np.ndarray], ...], np.ndarray, np.ndarray, np.ndarray]:
    """Each symmetry candidate as flat (cell, image cell) index pairs over the cells whose image is inside,
    as views into all candidates' pairs end to end, with each candidate's start offset (to test all at once)."""
    sources, images = [], []
    for image_rows, image_cols in _symmetry_candidates(height, width):
        inside = (image_rows >= 0) & (image_rows < height) & (image_cols >= 0) & (image_cols < width)
        sources.append(np.flatnonzero(inside))
        images.append(image_rows[inside] * width + image_cols[inside])
    offsets = np.cumsum([0] + [len(source) for source in sources])
    all_sources = np.concatenate(sources).astype(np.int32)
    all_images = np.concatenate(images).astype(np.int32)
    for array in (offsets, all_sources, all_images):
        array.flags.writeable = False
    maps = tuple((all_sources[a:b], all_images[a:b]) for a, b in zip(offsets[:-1], offsets[1:]))
    return maps, all_sources, all_images, offsets


def _segment_sums(flags: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    running = np.concatenate([[0], np.cumsum(flags)])
    return running[offsets[1:]] - running[offsets[:-1]]


def _complete_symmetry(grid: np.ndarray, unknown: int) -> np.ndarray:
    height, width = grid.shape
    known = (grid != unknown).ravel()
    if known.all():
        return grid
    flat = grid.ravel()
    maps, sources, images, offsets = _symmetry_maps(height, width)
    tick(len(maps))
    both = known[sources] & known[images]
    evidence = _segment_sums(both, offsets)
    conflicts = _segment_sums(both & (flat[sources] != flat[images]), offsets)
    fits = (evidence >= 0.25 * height * width) & (conflicts == 0)
    accepted = [m for m, fit in zip(maps, fits) if fit]
    out = grid.copy()
    cells = out.ravel()  # a view: writing cells writes out
    for _ in range(4):
        changed = False
        for source, image in accepted:
            tick()
            now_known = cells != unknown
            take = ~now_known[source] & now_known[image]
            if take.any():
                cells[source[take]] = cells[image[take]]
                changed = True
        if not changed or (cells != unknown).all():
            break
    return out


@primitive
def complete_symmetry(grid: Grid, unknown: Color) -> Grid:
    """Fill the cells of colour `unknown` from the grid's mirror and rotation images that fit the rest."""
    return _complete_symmetry(grid, unknown)


@primitive
def uncover_by_symmetry(grid: Grid, unknown: Color) -> Grid:
    """What lies under the cells of colour `unknown`, recovered by symmetry, cropped to their box."""
    top, bottom, left, right = _bounding_box(grid == unknown)
    return _complete_symmetry(grid, unknown)[top:bottom, left:right]


@primitive
def mirror_complete(grid: Grid) -> Grid:
    """Overlay the grid with its left-right, top-bottom and half-turn mirror images (non-black wins)."""
    out = grid.copy()
    for image in (grid[:, ::-1], grid[::-1, :], grid[::-1, ::-1]):
        out = np.where(out == 0, image, out)
    return out


@primitive
def is_symmetric_horizontal(grid: Grid) -> bool:
    """Whether the grid equals its own left-right mirror image."""
    return bool(np.array_equal(grid, grid[:, ::-1]))


@primitive
def is_symmetric_vertical(grid: Grid) -> bool:
    """Whether the grid equals its own top-bottom mirror image."""
    return bool(np.array_equal(grid, grid[::-1, :]))


# ---------------------------------------------------------------- periodic tiling


def _consistent(grid: np.ndarray, known: np.ndarray, classes: np.ndarray, count: int) -> bool:
    values = grid[known].astype(np.int16)
    ids = classes[known]
    low = np.full(count, 99, dtype=np.int16)
    high = np.full(count, -1, dtype=np.int16)
    np.minimum.at(low, ids, values)
    np.maximum.at(high, ids, values)
    seen = high >= 0
    return bool(np.all(low[seen] == high[seen]))


def _fill_classes(grid: np.ndarray, known: np.ndarray, classes: np.ndarray, count: int) -> np.ndarray:
    table = np.full(count, -1, dtype=np.int16)
    table[classes[known]] = grid[known]
    fill = table[classes]
    out = grid.copy()
    take = ~known & (fill >= 0)
    out[take] = fill[take].astype(np.uint8)
    return out


def _periods(height: int, width: int, rows_only: bool, cols_only: bool) -> list[tuple[int, int]]:
    heights = [height] if rows_only else range(1, height + 1)
    widths = [width] if cols_only else range(1, width + 1)
    return sorted(((ph, pw) for ph in heights for pw in widths), key=lambda p: (p[0] * p[1], p[0], p[1]))


def _complete_tiling(grid: np.ndarray, unknown: int, rows_only: bool = False, cols_only: bool = False) -> np.ndarray:
    """Fill unknown cells from the smallest rectangular period (per axis when asked) the known cells allow.

    `rows_only`: each row repeats along the grid (only a column period is searched, every row apart);
    `cols_only`: each column repeats down the grid (only a row period is searched, every column apart).
    """
    height, width = grid.shape
    known = grid != unknown
    if known.all() or not known.any():
        return grid
    rows, cols = np.indices((height, width))
    for ph, pw in _periods(height, width, rows_only, cols_only):
        tick()
        classes = (rows % ph) * pw + (cols % pw)
        if _consistent(grid, known, classes, ph * pw):
            return _fill_classes(grid, known, classes, ph * pw)
    return grid


@primitive
def complete_tiling(grid: Grid, unknown: Color) -> Grid:
    """Fill the cells of colour `unknown` by repeating the smallest 2-D tile that fits the other cells."""
    return _complete_tiling(grid, unknown)


@primitive
def complete_rows_periodic(grid: Grid, unknown: Color) -> Grid:
    """Fill the cells of colour `unknown` so every row repeats with the smallest common period."""
    return _complete_tiling(grid, unknown, rows_only=True)


@primitive
def complete_columns_periodic(grid: Grid, unknown: Color) -> Grid:
    """Fill the cells of colour `unknown` so every column repeats with the smallest common period."""
    return _complete_tiling(grid, unknown, cols_only=True)


@primitive
def uncover_by_tiling(grid: Grid, unknown: Color) -> Grid:
    """What lies under the cells of colour `unknown`, recovered from the grid's period, cropped to their box."""
    top, bottom, left, right = _bounding_box(grid == unknown)
    return _complete_tiling(grid, unknown)[top:bottom, left:right]


@primitive
def tile_by_mask(layout: Grid, tile: Grid, color: Color) -> Grid:
    """Each cell of `color` in the layout becomes a copy of the tile, every other cell a black block."""
    th, tw = tile.shape
    check_grid_shape(layout.shape[0] * th, layout.shape[1] * tw)
    mask = (layout == color).astype(np.uint8)
    return np.kron(mask, np.ones((th, tw), dtype=np.uint8)) * np.tile(tile, layout.shape)


# ---------------------------------------------------------------- denoising


def _neighbour_counts(grid: np.ndarray) -> np.ndarray:
    """counts[c, r, k]: how many of the 3x3 neighbourhood of (r, k) (itself included) have colour c."""
    height, width = grid.shape
    padded = np.full((height + 2, width + 2), 255, dtype=np.int16)
    padded[1:-1, 1:-1] = grid
    counts = np.zeros((10, height, width), dtype=np.int16)
    for dr in range(3):
        for dc in range(3):
            window = padded[dr : dr + height, dc : dc + width]
            for color in range(10):
                counts[color] += window == color
    return counts


@primitive
def remove_isolated_cells(grid: Grid) -> Grid:
    """Erase (to the background colour) every cell with no same-coloured cell among its 8 neighbours."""
    counts = _neighbour_counts(grid)
    own = np.take_along_axis(counts, grid[None].astype(np.intp), axis=0)[0]
    out = grid.copy()
    out[own <= 1] = background_color(grid)
    return out


@primitive
def majority_filter(grid: Grid) -> Grid:
    """Each cell takes the most common colour of its 3x3 neighbourhood (it keeps its own on ties)."""
    counts = _neighbour_counts(grid)
    own = np.take_along_axis(counts, grid[None].astype(np.intp), axis=0)[0]
    best = counts.argmax(axis=0)
    top = counts.max(axis=0)
    return np.where(top > own, best, grid).astype(np.uint8)


def _line_majority(grid: np.ndarray) -> np.ndarray:
    """Each row replaced by its most common colour."""
    counts = np.stack([(grid == c).sum(axis=1) for c in range(10)], axis=1)
    return np.repeat(counts.argmax(axis=1)[:, None], grid.shape[1], axis=1).astype(np.uint8)


@primitive
def denoise_stripes(grid: Grid) -> Grid:
    """Make the grid plain stripes: each row (or column, whichever changes fewer cells) takes its majority colour."""
    by_rows = _line_majority(grid)
    by_cols = _line_majority(grid.T).T
    return by_rows if (by_rows != grid).sum() <= (by_cols != grid).sum() else by_cols


@primitive
def fill_uniform_lines(grid: Grid, source: Color, target: Color) -> Grid:
    """Paint with `target` every full row and full column made only of colour `source`."""
    out = grid.copy()
    is_source = grid == source
    out[is_source.all(axis=1), :] = target
    out[:, is_source.all(axis=0)] = target
    return out


# ---------------------------------------------------------------- templates


def _match_positions(grid: np.ndarray, pattern: np.ndarray) -> np.ndarray:
    """Top-left corners (row, column) of every exact match of the pattern, in reading order."""
    ph, pw = pattern.shape
    if ph > grid.shape[0] or pw > grid.shape[1]:
        return np.zeros((0, 2), dtype=np.int64)
    windows = np.lib.stride_tricks.sliding_window_view(grid, (ph, pw))
    return np.argwhere(np.all(windows == pattern, axis=(2, 3)))


@primitive
def occurrences(grid: Grid, pattern: Grid) -> Objects:
    """Every place where the pattern appears exactly in the grid, each as an object (overlaps allowed)."""
    ph, pw = pattern.shape
    hits = _match_positions(grid, pattern)
    check_count(len(hits))
    mask = np.ones((ph, pw), dtype=bool)
    return tuple(Object(int(r), int(c), pattern, mask) for r, c in hits)


@primitive
def count_occurrences(grid: Grid, pattern: Grid) -> int:
    """How many places (overlaps allowed) the pattern appears exactly in the grid."""
    return len(_match_positions(grid, pattern))


# ---------------------------------------------------------------- cell-wise comparison and stacking


@primitive
def cells_equal(first: Grid, second: Grid, color: Color) -> Grid:
    """Colour the cells where the two grids have the same colour; the rest black."""
    _same_shape(first, second)
    return np.where(first == second, np.uint8(color), np.uint8(0))


@primitive
def overlay_all(grids: Grids) -> Grid:
    """Stack same-shape grids with the first on top: each cell shows the first non-black colour."""
    if not grids:
        raise PrimitiveError("no grids to overlay")
    out = grids[-1]
    for grid in reversed(grids[:-1]):
        _same_shape(out, grid)
        out = np.where(grid != 0, grid, out)
    return as_grid(out)


@primitive
def keep_where(grid: Grid, mask: Grid) -> Grid:
    """The grid's cells where the same-shape mask grid is non-black; black (0) elsewhere."""
    _same_shape(grid, mask)
    return np.where(mask != 0, grid, np.uint8(0))


@primitive
def is_symmetric_diagonal(grid: Grid) -> bool:
    """Whether the grid equals its own mirror image across the main diagonal (its transpose)."""
    return bool(grid.shape[0] == grid.shape[1] and np.array_equal(grid, grid.T))


@primitive
def mirror_around_object(grid: Grid, obj: Object) -> Grid:
    """Add the left-right, top-bottom and half-turn mirror images of the picture about an object's centre (on background only)."""
    background = background_color(grid)
    out = grid.copy()
    height, width = grid.shape
    row_sum = 2 * obj.top + obj.height - 1
    col_sum = 2 * obj.left + obj.width - 1
    rows, cols = np.nonzero(grid != background)
    for r, c in zip(rows.tolist(), cols.tolist()):
        for rr, cc in ((row_sum - r, c), (r, col_sum - c), (row_sum - r, col_sum - c)):
            if 0 <= rr < height and 0 <= cc < width and out[rr, cc] == background:
                out[rr, cc] = grid[r, c]
    return out


@primitive
def merge_panels(grid: Grid) -> Grid:
    """Make every panel between full-length divider lines show all panels' contents laid over each other."""
    from arc_kernel.dsl.objects import _divider_color, _runs

    color = _divider_color(grid)
    if color is None:
        raise PrimitiveError("the grid has no divider lines")
    row_runs = _runs((grid == color).all(axis=1))
    col_runs = _runs((grid == color).all(axis=0))
    boxes = [(r0, r1, c0, c1) for r0, r1 in row_runs for c0, c1 in col_runs]
    shapes = {(r1 - r0, c1 - c0) for r0, r1, c0, c1 in boxes}
    if len(shapes) != 1:
        raise PrimitiveError("the panels differ in size")
    background = background_color(grid)
    merged = None
    for r0, r1, c0, c1 in reversed(boxes):
        panel = grid[r0:r1, c0:c1]
        merged = panel if merged is None else np.where(panel != background, panel, merged)
    out = grid.copy()
    for r0, r1, c0, c1 in boxes:
        out[r0:r1, c0:c1] = merged
    return out


# ---------------------------------------------------------------- round 2b: layouts, squares, wildcard matching

from arc_kernel.dsl.types import Int  # noqa: E402


@primitive
def shape_per_cell(layout: Grid, shape: Grid) -> Grid:
    """Each cell of the layout becomes a copy of the shape's non-black cells in that cell's colour (black cells: black blocks)."""
    sh, sw = shape.shape
    check_grid_shape(layout.shape[0] * sh, layout.shape[1] * sw)
    mask = (np.asarray(shape) != 0).astype(np.uint8)
    return np.kron(np.asarray(layout, dtype=np.uint8), mask).astype(np.uint8)


@primitive
def mark_squares(grid: Grid, source: Color, side: Int, target: Color) -> Grid:
    """Paint with `target` every cell that lies in some side × side square made only of colour `source`."""
    k = int(side)
    height, width = grid.shape
    if k < 1:
        raise PrimitiveError("side must be positive")
    if not 0 <= int(target) <= 9:
        raise PrimitiveError(f"{target} is not a colour")
    out = grid.copy()
    if k > height or k > width:
        return out
    windows = np.lib.stride_tricks.sliding_window_view(np.asarray(grid) == int(source), (k, k))
    hits = np.all(windows, axis=(2, 3))
    cover = np.zeros((height, width), dtype=bool)
    for r, c in np.argwhere(hits):
        cover[r : r + k, c : c + k] = True
    out[cover] = np.uint8(int(target))
    return out


@primitive
def occurrences_with_wildcard(grid: Grid, pattern: Grid, wildcard: Color) -> Objects:
    """Every place where the pattern appears in the grid, its `wildcard`-coloured cells matching anything; each as an object in the pattern's colours."""
    ph, pw = pattern.shape
    height, width = grid.shape
    if ph > height or pw > width:
        return ()
    care = np.asarray(pattern) != int(wildcard)
    windows = np.lib.stride_tricks.sliding_window_view(grid, (ph, pw))
    hits = np.argwhere(np.all((windows == pattern) | ~care, axis=(2, 3)))
    check_count(len(hits))
    mask = np.ones((ph, pw), dtype=bool)
    return tuple(Object(int(r), int(c), pattern, mask) for r, c in hits)


# ---------------------------------------------------------------- round 2b: morphological opening


@primitive
def erase_thin_parts(grid: Grid, side: Int) -> Grid:
    """Erase (to the background) every cell that lies in no side × side square of its own colour."""
    k = int(side)
    if k < 1:
        raise PrimitiveError("side must be positive")
    g = np.asarray(grid)
    height, width = g.shape
    background = int(np.argmax(np.bincount(g.ravel(), minlength=10)))
    keep = g == background
    if k <= height and k <= width:
        windows = np.lib.stride_tricks.sliding_window_view(g, (k, k))
        uniform = np.all(windows == windows[:, :, :1, :1], axis=(2, 3))
        for r, c in np.argwhere(uniform):
            keep[r : r + k, c : c + k] = True
    out = grid.copy()
    out[~keep] = np.uint8(background)
    return out


# ---------------------------------------------------------------- round 2: disjoint matches, diagonal completion, stacking


@primitive
def disjoint_occurrences(grid: Grid, pattern: Grid) -> Objects:
    """The places where the pattern appears exactly, taken in reading order, skipping any that overlap one already taken."""
    ph, pw = pattern.shape
    hits = _match_positions(grid, pattern)
    taken = np.zeros(grid.shape, dtype=bool)
    mask = np.ones((ph, pw), dtype=bool)
    found = []
    for r, c in hits:
        tick()
        if taken[r : r + ph, c : c + pw].any():
            continue
        taken[r : r + ph, c : c + pw] = True
        found.append(Object(int(r), int(c), pattern, mask))
    check_count(len(found))
    return tuple(found)


@primitive
def complete_diagonal_symmetry(grid: Grid, unknown: Color) -> Grid:
    """Fill the cells of colour `unknown` from the grid's mirror images across its diagonals (those that fit the other cells)."""
    height, width = grid.shape
    if height != width:
        raise PrimitiveError("diagonal symmetry needs a square grid")
    out = np.array(grid)
    known = out != int(unknown)
    fitted = False
    for image in (lambda g: g.T, lambda g: g[::-1, ::-1].T):
        mirrored, mirrored_known = image(out), image(known)
        both = known & mirrored_known
        if both.any() and np.array_equal(out[both], mirrored[both]):
            fill = ~known & mirrored_known
            out[fill] = mirrored[fill]
            known = known | fill
            fitted = True
    if not fitted:
        raise PrimitiveError("the grid fits no diagonal mirror image")
    return as_grid(out)


def _diagonal_period_fill(grid: np.ndarray, unknown: int, sign: int) -> tuple[int, np.ndarray] | None:
    """The smallest period p such that colour is a function of (row + sign*col) mod p, and the filled grid."""
    height, width = grid.shape
    rows, cols = np.indices(grid.shape)
    index = rows + sign * cols
    index = index - index.min()
    known = grid != unknown
    for period in range(1, height + width):
        tick()
        keys = index % period
        low = np.full(period, 99, dtype=np.int16)
        high = np.full(period, -1, dtype=np.int16)
        np.minimum.at(low, keys[known], grid[known])
        np.maximum.at(high, keys[known], grid[known])
        used = np.unique(keys)
        if (low[used] == high[used]).all():
            table = high
            return period, table[keys].astype(np.uint8)
    return None


@primitive
def complete_diagonal_periodic(grid: Grid, unknown: Color) -> Grid:
    """Fill the cells of colour `unknown` so the colours repeat along diagonal stripes with the smallest period that fits."""
    fits = [f for f in (_diagonal_period_fill(np.asarray(grid), int(unknown), s) for s in (1, -1)) if f is not None]
    if not fits:
        raise PrimitiveError("no diagonal period fits the known cells")
    return as_grid(min(fits, key=lambda f: f[0])[1])


@primitive
def overlay_nonzero(grid: Grid, top: Grid) -> Grid:
    """Paint the non-black (non-zero) cells of a same-shape grid over this one."""
    _same_shape(grid, top)
    return as_grid(np.where(top != 0, top, grid))


@primitive
def clean_noise_color(grid: Grid, noise: Color) -> Grid:
    """Repaint each cell of a noise colour with the colour that at least two of its four side neighbours share (else the background)."""
    array = np.asarray(grid)
    background = background_color(array)
    out = array.copy()
    h, w = array.shape
    for row, col in zip(*np.nonzero(array == int(noise))):
        tick()
        around = [
            int(array[r, c])
            for r, c in ((row - 1, col), (row, col + 1), (row + 1, col), (row, col - 1))
            if 0 <= r < h and 0 <= c < w and array[r, c] != int(noise) and array[r, c] != background
        ]
        best = max(set(around), key=lambda c: (around.count(c), -c)) if around else None
        out[row, col] = best if best is not None and around.count(best) >= 2 else background
    return as_grid(out)


@primitive
def complete_mirror_object(grid: Grid, obj: Object) -> Grid:
    """Make an object left-right symmetric: find the vertical axis that maps most of its cells onto same-coloured cells of it, and add the missing mirror cells on background."""
    cells = {(r, c): color for r, c, color in obj.cells()}
    if not cells:
        raise PrimitiveError("the object has no cells")
    left, right = obj.left, obj.left + obj.width - 1
    best = None  # (matches, -distance from box centre, twice the axis)
    for axis2 in range(2 * left, 2 * right + 1):
        tick()
        matches = sum(1 for (r, c), color in cells.items() if cells.get((r, axis2 - c)) == color)
        key = (matches, -abs(axis2 - (left + right)), axis2)
        if best is None or key[:2] > best[:2]:
            best = key
    axis2 = best[2]
    background = background_color(grid)
    out = grid.copy()
    h, w = grid.shape
    for (r, c), color in cells.items():
        mirror = axis2 - c
        if 0 <= r < h and 0 <= mirror < w and out[r, mirror] == background:
            out[r, mirror] = color
    return out


@primitive
def extend_pattern_down(grid: Grid, height: Int) -> Grid:
    """Grow the grid downward to `height` rows, continuing its picture by the smallest shift (down, and sideways if needed) that maps it onto itself."""
    g = np.asarray(grid)
    h, w = g.shape
    target = int(height)
    check_grid_shape(target, w)
    background = background_color(g)
    found = None
    for d_row in range(1, h):
        for d_col in sorted(range(-w + 1, w), key=lambda d: (abs(d), d)):
            tick()
            lo, hi = max(0, -d_col), min(w, w - d_col)
            if hi <= lo:
                continue
            upper = g[: h - d_row] != background
            if not upper.any() or upper[:, :lo].any() or upper[:, hi:].any():
                continue
            if (g[d_row:, lo + d_col : hi + d_col] == g[: h - d_row, lo:hi]).all():
                found = (d_row, d_col)
                break
        if found:
            break
    if found is None:
        raise PrimitiveError("the picture does not repeat")
    d_row, d_col = found
    out = np.full((target, w), background, dtype=np.uint8)
    out[: min(h, target)] = g[: min(h, target)]
    for row in range(h, target):
        for col in range(w):
            source = col - d_col
            out[row, col] = out[row - d_row, source] if 0 <= source < w else background
    return out


@primitive
def overlay_windows_at(grid: Grid, color: Color, radius: Int) -> Grid:
    """Lay the square windows of the given radius centred on every `color` cell over each other (non-background wins; off-grid parts are background)."""
    g = np.asarray(grid)
    r = int(radius)
    if r < 0:
        raise PrimitiveError("negative radius")
    side = 2 * r + 1
    check_grid_shape(side, side)
    background = background_color(g)
    centres = np.argwhere(g == int(color))
    if centres.size == 0:
        raise PrimitiveError("no cell of that colour")
    padded = np.pad(g, r, constant_values=background)
    out = np.full((side, side), background, dtype=np.uint8)
    for row, col in centres:
        tick()
        window = padded[row : row + side, col : col + side]
        out = np.where(window != background, window, out).astype(np.uint8)
    return out


@primitive
def repeat_segments(grid: Grid) -> Grid:
    """Repeat each row's and each column's single run of two or more non-background cells along that whole line, with the run's length as period."""
    g = np.asarray(grid)
    background = background_color(g)
    out = g.copy()

    def extend(line: np.ndarray, target: np.ndarray) -> None:
        cells = np.nonzero(line != background)[0]
        if cells.size < 2 or cells[-1] - cells[0] + 1 != cells.size:
            return
        start, period = int(cells[0]), int(cells.size)
        for k in range(line.size):
            target[k] = line[start + (k - start) % period]

    for row in range(g.shape[0]):
        tick()
        extend(g[row], out[row])
    for col in range(g.shape[1]):
        tick()
        extend(g[:, col], out[:, col])
    return out


@primitive
def complete_rotation_symmetry(grid: Grid) -> Grid:
    """Add the quarter, half and three-quarter turns of the picture about the centre that maps most of it onto itself without colour clashes (background cells only)."""
    g = np.asarray(grid)
    background = background_color(g)
    rows, cols = np.nonzero(g != background)
    if rows.size == 0:
        raise PrimitiveError("the grid has no picture")
    colors = g[rows, cols]
    h, w = g.shape
    best = None  # (score, -distance to the box centre, twice the centre row, twice the centre column)
    box_r, box_c = int(rows.min() + rows.max()), int(cols.min() + cols.max())
    for r2 in range(2 * int(rows.min()), 2 * int(rows.max()) + 1):
        for c2 in range(2 * int(cols.min()), 2 * int(cols.max()) + 1):
            tick()
            if (r2 + c2) % 2:
                continue  # a quarter turn maps cells to cells only about a cell centre or a cell corner
            # quarter turn clockwise about (r2/2, c2/2): (r, c) -> (r' , c') with r' - cr = c - cc, c' - cc = -(r - cr)
            new_r = (r2 - c2) // 2 + cols
            new_c = (r2 + c2) // 2 - rows
            if new_r.min() < 0 or new_c.min() < 0 or new_r.max() >= h or new_c.max() >= w:
                continue
            images = g[new_r, new_c]
            clash = (images != background) & (images != colors)
            if clash.any():
                continue
            score = int((images == colors).sum())
            key = (score, -abs(r2 - box_r) - abs(c2 - box_c), r2, c2)
            if best is None or key[:2] > best[:2]:
                best = key
    if best is None:
        raise PrimitiveError("no centre of rotation fits")
    r2, c2 = best[2], best[3]
    out = g.copy()
    cur_r, cur_c = rows, cols
    for _ in range(3):
        cur_r, cur_c = (r2 - c2) // 2 + cur_c, (r2 + c2) // 2 - cur_r
        free = out[cur_r, cur_c] == background
        out[cur_r[free], cur_c[free]] = colors[free]
    return out


@primitive
def complete_dense_lines(grid: Grid, color: Color, target: Color) -> Grid:
    """Within the box of the `color` cells, paint with `target` the background cells of every row and column more than half of whose cells in the box have that colour."""
    g = np.asarray(grid)
    rows, cols = np.nonzero(g == int(color))
    if rows.size == 0:
        raise PrimitiveError(f"no cells of colour {color}")
    if not 0 <= int(target) <= 9:
        raise PrimitiveError(f"{target} is not a colour")
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    box = g[top:bottom, left:right]
    match = box == int(color)
    fill = np.zeros(box.shape, dtype=bool)
    fill[2 * match.sum(axis=1) > box.shape[1], :] = True
    fill[:, 2 * match.sum(axis=0) > box.shape[0]] = True
    out = g.copy()
    window = out[top:bottom, left:right]
    window[fill & (box == background_color(g))] = np.uint8(target)
    return out
