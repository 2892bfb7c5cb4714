"""Objects and segmentation: connected components, per-colour partitions, grid cells between lines.

The background is the grid's most common colour unless a primitive says otherwise. Objects come in
a fixed order (top-to-bottom, then left-to-right by their top-left corner), never set order.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy import ndimage

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.limits import check_count, check_grid_shape, tick
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Color, ColorMap, Grid, Grids, Int, Object, Objects, background_color

_FOUR = ndimage.generate_binary_structure(2, 1)
_EIGHT = ndimage.generate_binary_structure(2, 2)


def object_from_mask(grid: np.ndarray, mask: np.ndarray) -> Object:
    """The object made of the cells of `grid` under `mask`, cropped to their bounding box."""
    rows, cols = np.nonzero(mask)
    if rows.size == 0:
        raise PrimitiveError("an object needs at least one cell")
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    return Object(top, left, grid[top:bottom, left:right], mask[top:bottom, left:right])


def shifted_object(obj: Object, top: int, left: int, patch: np.ndarray, mask: np.ndarray) -> Object:
    """An object with the given patch and mask, trimmed to its cells, placed at (top, left)."""
    rows, cols = np.nonzero(mask)
    if rows.size == 0:
        raise PrimitiveError("an object needs at least one cell")
    r0, r1, c0, c1 = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    return Object(top + r0, left + c0, patch[r0:r1, c0:c1], mask[r0:r1, c0:c1])


def sort_objects(objects: list[Object]) -> Objects:
    """Objects in reading order of their top-left corners, then by size and content for ties."""
    place = sorted(objects, key=lambda o: (o.top, o.left, o.height, o.width))
    if any((a.top, a.left, a.height, a.width) == (b.top, b.left, b.height, b.width) for a, b in zip(place, place[1:])):
        return tuple(sorted(objects, key=lambda o: (o.top, o.left, o.height, o.width, o.key())))  # content breaks ties
    return tuple(place)


def components(grid: np.ndarray, foreground: np.ndarray, connectivity: int, single_color: bool) -> Objects:
    """Connected components of the cells where `foreground` is true."""
    structure = _FOUR if connectivity == 4 else _EIGHT
    found: list[Object] = []
    layers = [foreground & (grid == c) for c in np.unique(grid[foreground])] if single_color else [foreground]
    for layer in layers:
        labels, count = ndimage.label(layer, structure=structure)
        check_count(len(found) + count)
        tick(count)
        for index, (rows, cols) in enumerate(ndimage.find_objects(labels), start=1):
            # find_objects gives each label's tight bounding box, so no full-grid mask is needed
            found.append(Object(rows.start, cols.start, grid[rows, cols], labels[rows, cols] == index))
    return sort_objects(found)


def hole_mask(obj: Object) -> np.ndarray:
    """Cells of the object's bounding box outside it that no 4-path through non-object cells joins to the box edge."""
    outside = ~obj.mask
    labels, count = ndimage.label(outside, structure=_FOUR)
    if count == 0:
        return np.zeros_like(outside)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return outside & ~np.isin(labels, edge)


# ---------------------------------------------------------------- segmentation


@primitive
def objects_4(grid: Grid) -> Objects:
    """Single-colour 4-connected groups of non-background cells."""
    return components(grid, grid != background_color(grid), 4, True)


@primitive
def objects_8(grid: Grid) -> Objects:
    """Single-colour 8-connected groups of non-background cells."""
    return components(grid, grid != background_color(grid), 8, True)


@primitive
def multicolor_objects_8(grid: Grid) -> Objects:
    """8-connected groups of non-background cells, colours mixed."""
    return components(grid, grid != background_color(grid), 8, False)


@primitive
def multicolor_objects_4(grid: Grid) -> Objects:
    """4-connected groups of non-background cells, colours mixed."""
    return components(grid, grid != background_color(grid), 4, False)


@primitive
def objects_4_except(grid: Grid, background: Color) -> Objects:
    """Single-colour 4-connected groups of cells not of a given background colour."""
    return components(grid, grid != background, 4, True)


@primitive
def objects_8_except(grid: Grid, background: Color) -> Objects:
    """Single-colour 8-connected groups of cells not of a given background colour."""
    return components(grid, grid != background, 8, True)


@primitive
def multicolor_objects_8_except(grid: Grid, background: Color) -> Objects:
    """8-connected groups of cells not of a given background colour, colours mixed."""
    return components(grid, grid != background, 8, False)


@primitive
def regions_of_color(grid: Grid, color: Color) -> Objects:
    """4-connected regions of cells of one colour (the background colour too)."""
    return components(grid, grid == color, 4, True)


@primitive
def color_partition(grid: Grid) -> Objects:
    """One object per non-background colour: all cells of that colour, connected or not."""
    background = background_color(grid)
    found = [object_from_mask(grid, grid == c) for c in np.unique(grid) if c != background]
    return sort_objects(found)


@primitive
def cells_of_color(grid: Grid, color: Color) -> Object:
    """All cells of one colour as a single object."""
    mask = grid == color
    if not mask.any():
        raise PrimitiveError(f"no cell of colour {color}")
    return object_from_mask(grid, mask)


def _divider_color(grid: np.ndarray) -> int | None:
    """The colour of the grid's full-length divider lines, preferring a non-background colour."""
    candidates = []
    background = background_color(grid)
    for color in range(10):
        rows = int((grid == color).all(axis=1).sum())
        cols = int((grid == color).all(axis=0).sum())
        if rows + cols:
            candidates.append((color == background, -(rows > 0) - (cols > 0), color))
    return min(candidates)[2] if candidates else None


def _runs(is_line: np.ndarray) -> list[tuple[int, int]]:
    """Maximal [start, stop) runs of False in a boolean vector."""
    runs, start = [], None
    for index, flag in enumerate(list(is_line) + [True]):
        if not flag and start is None:
            start = index
        elif flag and start is not None:
            runs.append((start, index))
            start = None
    return runs


@primitive
def split_cells(grid: Grid) -> Grids:
    """The cells of a grid divided by full-length lines of one colour, in reading order."""
    color = _divider_color(grid)
    if color is None:
        raise PrimitiveError("the grid has no divider lines")
    row_runs = _runs((grid == color).all(axis=1))
    col_runs = _runs((grid == color).all(axis=0))
    check_count(len(row_runs) * len(col_runs))
    cells = tuple(grid[r0:r1, c0:c1] for r0, r1 in row_runs for c0, c1 in col_runs)
    if not cells:
        raise PrimitiveError("the grid is all divider lines")
    return cells


@primitive
def divider_color(grid: Grid) -> Color:
    """The colour of the full-length lines that divide a grid into cells."""
    color = _divider_color(grid)
    if color is None:
        raise PrimitiveError("the grid has no divider lines")
    return Color(color)


@primitive
def cell_objects(grid: Grid) -> Objects:
    """The cells between full-length divider lines as objects at their places, in reading order."""
    color = _divider_color(grid)
    if color is None:
        raise PrimitiveError("the grid has no divider lines")
    row_runs = _runs((grid == color).all(axis=1))
    col_runs = _runs((grid == color).all(axis=0))
    check_count(len(row_runs) * len(col_runs))
    return tuple(
        Object(r0, c0, grid[r0:r1, c0:c1], np.ones((r1 - r0, c1 - c0), dtype=bool))
        for r0, r1 in row_runs
        for c0, c1 in col_runs
    )


# ---------------------------------------------------------------- objects and grids


@primitive
def object_to_grid(obj: Object) -> Grid:
    """The object's bounding box as a grid: its cells in their colours, the rest colour 0."""
    return obj.patch


@primitive
def grid_to_object(grid: Grid) -> Object:
    """The grid's non-background cells as one object placed at the top-left corner."""
    return object_from_mask(grid, grid != background_color(grid))


@primitive
def crop_objects(grid: Grid, objects: Objects) -> Grids:
    """The part of the grid under each object's bounding box, one grid per object."""
    check_count(len(objects))
    out = []
    for obj in objects:
        top, left = max(obj.top, 0), max(obj.left, 0)
        bottom, right = min(obj.top + obj.height, grid.shape[0]), min(obj.left + obj.width, grid.shape[1])
        check_grid_shape(bottom - top, right - left)
        out.append(grid[top:bottom, left:right])
    return tuple(out)


@primitive
def merge_objects(objects: Objects) -> Object:
    """All cells of several objects as one object (later objects win where they overlap)."""
    if not objects:
        raise PrimitiveError("no objects to merge")
    top = min(o.top for o in objects)
    left = min(o.left for o in objects)
    bottom = max(o.top + o.height for o in objects)
    right = max(o.left + o.width for o in objects)
    check_grid_shape(bottom - top, right - left)
    patch = np.zeros((bottom - top, right - left), dtype=np.uint8)
    mask = np.zeros_like(patch, dtype=bool)
    for o in objects:
        region = (slice(o.top - top, o.top - top + o.height), slice(o.left - left, o.left - left + o.width))
        patch[region] = np.where(o.mask, o.patch, patch[region])
        mask[region] |= o.mask
    return Object(top, left, patch, mask)


@primitive
def recolor_object(obj: Object, color: Color) -> Object:
    """The same cells in one colour."""
    return Object(obj.top, obj.left, np.full(obj.patch.shape, color, dtype=np.uint8), obj.mask)


@primitive
def filled_bounding_box(obj: Object) -> Object:
    """The object's whole bounding box: its own cells kept, the gaps in its main colour."""
    patch = np.where(obj.mask, obj.patch, np.uint8(obj.color))
    return Object(obj.top, obj.left, patch, np.ones(obj.patch.shape, dtype=bool))


@primitive
def bounding_box_gaps(obj: Object) -> Object:
    """The cells of the object's bounding box that are not part of it (raises if there are none)."""
    gaps = ~obj.mask
    return shifted_object(obj, obj.top, obj.left, np.where(gaps, np.uint8(obj.color), 0), gaps)


@primitive
def object_interior(obj: Object) -> Object:
    """The object's cells whose eight neighbours all belong to it."""
    padded = np.pad(obj.mask, 1)
    inner = obj.mask.copy()
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            inner &= padded[1 + dr : 1 + dr + obj.height, 1 + dc : 1 + dc + obj.width]
    return shifted_object(obj, obj.top, obj.left, obj.patch, inner)


@primitive
def object_outline(obj: Object) -> Object:
    """The object's cells that touch a cell outside it (eight-neighbourhood)."""
    padded = np.pad(obj.mask, 1)
    inner = obj.mask.copy()
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            inner &= padded[1 + dr : 1 + dr + obj.height, 1 + dc : 1 + dc + obj.width]
    return shifted_object(obj, obj.top, obj.left, obj.patch, obj.mask & ~inner)


@primitive
def object_holes(obj: Object) -> Object:
    """The cells enclosed by the object (not joined to the outside), in the object's main colour."""
    holes = hole_mask(obj)
    return shifted_object(obj, obj.top, obj.left, np.where(holes, np.uint8(obj.color), 0), holes)


@primitive
def object_with_holes_filled(obj: Object) -> Object:
    """The object with every enclosed cell added in its main colour."""
    holes = hole_mask(obj)
    return Object(obj.top, obj.left, np.where(holes, np.uint8(obj.color), obj.patch), obj.mask | holes)


@primitive
def hole_count(obj: Object) -> Int:
    """How many separate enclosed regions the object has."""
    _, count = ndimage.label(hole_mask(obj), structure=_FOUR)
    return Int(count)


@primitive
def has_hole(obj: Object) -> bool:
    """Whether the object encloses at least one cell."""
    return bool(hole_mask(obj).any())


@primitive
def object_halo(obj: Object) -> Object:
    """The ring of cells touching the object from outside (eight-neighbourhood), in its main colour."""
    grown = ndimage.binary_dilation(np.pad(obj.mask, 1), structure=_EIGHT)
    ring = grown & ~np.pad(obj.mask, 1)
    patch = np.where(ring, np.uint8(obj.color), 0)
    return shifted_object(obj, obj.top - 1, obj.left - 1, patch, ring)


@primitive
def split_by_color(obj: Object) -> Objects:
    """The object's cells grouped by colour, one object per colour."""
    parts = []
    for color in obj.colors:
        mask = obj.mask & (obj.patch == color)
        parts.append(shifted_object(obj, obj.top, obj.left, obj.patch, mask))
    return sort_objects(parts)


@primitive
def largest_rectangle(grid: Grid, ignore: Color) -> Object:
    """The largest solid one-colour rectangle of cells not of colour `ignore` (first in reading order on ties)."""
    background = int(ignore)
    h, w = grid.shape
    best = (0, 0, 0, 0, 0)  # area, -top, -left, height, width
    for color in np.unique(grid):
        if color == background:
            continue
        heights = [0] * w
        for row in range(h):
            tick()
            line = grid[row] == color
            heights = [heights[k] + 1 if line[k] else 0 for k in range(w)]
            stack: list[int] = []  # column indices with increasing heights
            for k in range(w + 1):
                current = heights[k] if k < w else 0
                while stack and heights[stack[-1]] >= current:
                    height = heights[stack.pop()]
                    left = stack[-1] + 1 if stack else 0
                    if height:
                        area = height * (k - left)
                        top = row - height + 1
                        if (area, -top, -left) > best[:3]:
                            best = (area, -top, -left, height, k - left)
                stack.append(k)
    if best[0] == 0:
        raise PrimitiveError("no cells outside the ignored colour")
    top, left, height, width = -best[1], -best[2], best[3], best[4]
    patch = grid[top : top + height, left : left + width]
    return Object(top, left, patch, np.ones((height, width), dtype=bool))


@primitive
def summarize_cells(grid: Grid, summary: Callable[[Grid], Color]) -> Grid:
    """One cell per divided cell of the grid (same layout), coloured by a summary of that cell."""
    color = _divider_color(grid)
    if color is None:
        raise PrimitiveError("the grid has no divider lines")
    row_runs = _runs((grid == color).all(axis=1))
    col_runs = _runs((grid == color).all(axis=0))
    check_grid_shape(len(row_runs), len(col_runs))
    out = np.zeros((len(row_runs), len(col_runs)), dtype=np.uint8)
    for i, (r0, r1) in enumerate(row_runs):
        for j, (c0, c1) in enumerate(col_runs):
            out[i, j] = summary(grid[r0:r1, c0:c1])
    return out


@primitive
def fill_cells(grid: Grid, summary: Callable[[Grid], Color]) -> Grid:
    """Fill each cell between the divider lines with one colour, a summary of that cell's content."""
    color = _divider_color(grid)
    if color is None:
        raise PrimitiveError("the grid has no divider lines")
    out = grid.copy()
    for r0, r1 in _runs((grid == color).all(axis=1)):
        for c0, c1 in _runs((grid == color).all(axis=0)):
            tick()
            out[r0:r1, c0:c1] = summary(grid[r0:r1, c0:c1])
    return out


# ---------------------------------------------------------------- round 2b: noisy rectangles


@primitive
def densest_rectangle(grid: Grid) -> Object:
    """The rectangle with the greatest excess of one colour over all others (cells of that colour minus the rest), with the grid's cells."""
    g = np.asarray(grid)
    height, width = g.shape
    tops, bottoms = np.indices((height, height))
    valid = (bottoms >= tops).ravel()
    columns = np.arange(width + 1)
    best = None  # ((score, area, -top, -left), top, left, bottom, right); the first of equal keys wins
    for color in np.unique(g):  # every (top, bottom) row band at once: best column run by Kadane's prefix rule
        tick(height * (height + 1) // 2)
        weights = np.where(g == color, 1, -1)
        running = np.vstack([np.zeros((1, width), dtype=int), np.cumsum(weights, axis=0)])
        sums = (running[1:][None, :, :] - running[:-1][:, None, :]).reshape(height * height, width)
        prefix = np.hstack([np.zeros((height * height, 1), dtype=int), np.cumsum(sums, axis=1)])
        gains = prefix[:, 1:] - np.minimum.accumulate(prefix[:, :-1], axis=1)
        right = np.argmax(gains, axis=1)
        score = gains[np.arange(height * height), right]
        left = np.argmin(np.where(columns[None, :] <= right[:, None], prefix, np.iinfo(int).max), axis=1)
        area = (bottoms.ravel() - tops.ravel() + 1) * (right + 1 - left)
        chosen = valid.copy()
        for measure in (score, area, -tops.ravel(), -left):
            chosen &= measure == measure[chosen].max()
        k = int(np.argmax(chosen))
        key = (int(score[k]), int(area[k]), -int(tops.ravel()[k]), -int(left[k]))
        if best is None or key > best[0]:
            best = (key, int(tops.ravel()[k]), int(left[k]), int(bottoms.ravel()[k]), int(right[k]))
    if best is None:
        raise PrimitiveError("empty grid")
    _, top, left, bottom, right = best
    patch = g[top : bottom + 1, left : right + 1]
    return Object(top, left, patch, np.ones(patch.shape, dtype=bool))


@primitive
def largest_rectangle_of(grid: Grid, color: Color, min_side: Int) -> Object:
    """The largest solid rectangle of one colour whose height and width are both at least `min_side` (first in reading order on ties)."""
    h, w = grid.shape
    low = max(int(min_side), 1)
    match = grid == int(color)
    best = None  # (area, -top, -left, height, width)
    for top in range(h):
        column_ok = np.ones(w, dtype=bool)
        for bottom in range(top, h):
            tick()
            column_ok &= match[bottom]
            if not column_ok.any():
                break
            height = bottom - top + 1
            if height < low:
                continue
            run_start = None
            for col in range(w + 1):
                if col < w and column_ok[col]:
                    if run_start is None:
                        run_start = col
                    continue
                if run_start is not None:
                    width = col - run_start
                    if width >= low:
                        key = (height * width, -top, -run_start, height, width)
                        if best is None or key[:3] > best[:3]:
                            best = key
                    run_start = None
    if best is None:
        raise PrimitiveError("no rectangle of that colour is big enough")
    top, left, height, width = -best[1], -best[2], best[3], best[4]
    patch = grid[top : top + height, left : left + width]
    return Object(top, left, patch, np.ones((height, width), dtype=bool))


def _compartments(grid: np.ndarray) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    color = _divider_color(grid)
    if color is None:
        raise PrimitiveError("the grid has no divider lines")
    row_runs = _runs((grid == color).all(axis=1))
    col_runs = _runs((grid == color).all(axis=0))
    check_grid_shape(max(len(row_runs), 1), max(len(col_runs), 1))
    return row_runs, col_runs


@primitive
def summarize_cells_by_count(grid: Grid, mapping: ColorMap) -> Grid:
    """One cell per compartment between divider lines (same layout), coloured by the map applied to how many non-background cells it holds (unmapped counts: black)."""
    background = background_color(grid)
    row_runs, col_runs = _compartments(grid)
    table = dict(mapping.pairs)
    out = np.zeros((len(row_runs), len(col_runs)), dtype=np.uint8)
    for i, (r0, r1) in enumerate(row_runs):
        for j, (c0, c1) in enumerate(col_runs):
            count = int((grid[r0:r1, c0:c1] != background).sum())
            out[i, j] = table.get(count, 0)
    return out


@primitive
def fill_fullest_cells(grid: Grid) -> Grid:
    """Fill the compartments between divider lines that hold the most non-background cells with their main colour; clear all the others."""
    background = background_color(grid)
    row_runs, col_runs = _compartments(grid)
    counts = {}
    for r0, r1 in row_runs:
        for c0, c1 in col_runs:
            counts[(r0, r1, c0, c1)] = int((grid[r0:r1, c0:c1] != background).sum())
    most = max(counts.values(), default=0)
    out = grid.copy()
    for (r0, r1, c0, c1), count in counts.items():
        part = grid[r0:r1, c0:c1]
        if count == most and count > 0:
            values = part[part != background]
            out[r0:r1, c0:c1] = int(np.argmax(np.bincount(values, minlength=10)))
        else:
            out[r0:r1, c0:c1] = background
    return out


@primitive
def fit_together(first: Object, second: Object) -> Grid:
    """The solid rectangle made by sliding the second piece against the first so they interlock without overlap or gaps (the first fitting offset, top to bottom, if several fit)."""
    a, b = first.mask, second.mask
    ah, aw = a.shape
    bh, bw = b.shape
    best = None
    for d_row in range(-bh, ah + 1):
        for d_col in range(-bw, aw + 1):
            tick()
            top, left = min(0, d_row), min(0, d_col)
            bottom, right = max(ah, d_row + bh), max(aw, d_col + bw)
            h, w = bottom - top, right - left
            if h * w != first.size + second.size:
                continue
            canvas = np.zeros((h, w), dtype=np.int8)
            canvas[-top : -top + ah, -left : -left + aw] += a
            canvas[d_row - top : d_row - top + bh, d_col - left : d_col - left + bw] += b
            if (canvas == 1).all():
                key = (h * w, d_row, d_col)
                if best is None or key < best[0]:
                    best = (key, top, left, h, w, d_row, d_col)
    if best is None:
        raise PrimitiveError("the pieces do not fit into a rectangle")
    _, top, left, h, w, d_row, d_col = best
    check_grid_shape(h, w)
    out = np.zeros((h, w), dtype=np.uint8)
    region = out[-top : -top + ah, -left : -left + aw]
    region[a] = first.patch[a]
    region = out[d_row - top : d_row - top + bh, d_col - left : d_col - left + bw]
    region[b] = second.patch[b]
    return out


@primitive
def line_crossings(grid: Grid) -> Object:
    """The cells where a full row and a full column without background cells cross, as one object."""
    background = background_color(grid)
    full_rows = (grid != background).all(axis=1)
    full_cols = (grid != background).all(axis=0)
    mask = full_rows[:, None] & full_cols[None, :]
    if not mask.any():
        raise PrimitiveError("no full row crosses a full column")
    rows, cols = np.nonzero(mask)
    top, left, bottom, right = rows.min(), cols.min(), rows.max() + 1, cols.max() + 1
    return Object(top, left, grid[top:bottom, left:right], mask[top:bottom, left:right])


def _clusters(grid: np.ndarray, mask: np.ndarray, gap: int) -> tuple:
    """Groups of mask cells chained across gaps of at most `gap` cells in any direction, in reading order."""
    reach = int(gap) + 1
    if reach < 1 or reach > 5:
        raise PrimitiveError(f"gap {gap} is not 0..4")
    cells = list(zip(*np.nonzero(mask)))
    index = {cell: k for k, cell in enumerate(cells)}
    parent = list(range(len(cells)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for k, (r, c) in enumerate(cells):
        tick()
        for dr in range(-reach, reach + 1):
            for dc in range(-reach, reach + 1):
                other = index.get((r + dr, c + dc))
                if other is not None:
                    a, b = find(k), find(other)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
    groups: dict[int, list[tuple[int, int]]] = {}
    for k, cell in enumerate(cells):
        groups.setdefault(find(k), []).append(cell)
    check_count(len(groups))
    result = []
    for root in sorted(groups):
        members = groups[root]
        rows = np.array([r for r, _ in members])
        cols = np.array([c for _, c in members])
        top, left = rows.min(), cols.min()
        sub = np.zeros((rows.max() - top + 1, cols.max() - left + 1), dtype=bool)
        sub[rows - top, cols - left] = True
        result.append(Object(top, left, grid[top : top + sub.shape[0], left : left + sub.shape[1]], sub))
    return tuple(result)


@primitive
def clusters_of_color(grid: Grid, color: Color, gap: Int) -> Objects:
    """Groups of cells of one colour chained together across gaps of at most `gap` cells (0..4) in any direction, in reading order."""
    return _clusters(grid, grid == int(color), gap)


@primitive
def clusters(grid: Grid, gap: Int) -> Objects:
    """Groups of non-background cells, colours mixed, chained together across gaps of at most `gap` cells (0..4) in any direction, in reading order."""
    return _clusters(grid, grid != background_color(grid), gap)


@primitive
def box_contents(grid: Grid, obj: Object) -> Object:
    """The grid's cells under an object's bounding box, as one object (background cells included)."""
    top, left = max(obj.top, 0), max(obj.left, 0)
    bottom, right = min(obj.top + obj.height, grid.shape[0]), min(obj.left + obj.width, grid.shape[1])
    check_grid_shape(bottom - top, right - left)
    patch = np.asarray(grid)[top:bottom, left:right]
    return Object(top, left, patch, np.ones(patch.shape, dtype=bool))
