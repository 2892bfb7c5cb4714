"""Per-object mapping: do something to each object, then paint the results back, in one call.

These are the common shapes of ARC solutions ("recolour every object by its size", "fill the holes
of each object", "transform each object in place") as single primitives, so programs need no
combinator plumbing. Objects are handled in the order given; later paint goes over earlier paint.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from scipy import ndimage

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.limits import check_count, tick
from arc_kernel.dsl.painting import _bbox_slices, _color, _object_cells, paint_object
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Color, ColorMap, Grid, Grids, Int, Object, Objects, as_grid, background_color

_FOUR = ndimage.generate_binary_structure(2, 1)


@primitive
def map_objects(grid: Grid, objects: Objects, transform: Callable[[Object], Object]) -> Grid:
    """Replace each object on the grid by its transformed version (erased to background first)."""
    out = grid.copy()
    background = background_color(grid)
    for obj in objects:
        for row, col, _ in obj.cells():
            if 0 <= row < out.shape[0] and 0 <= col < out.shape[1]:
                out[row, col] = background
    for obj in objects:
        out = paint_object(out, transform(obj))
    return out


@primitive
def paint_mapped(grid: Grid, objects: Objects, transform: Callable[[Object], Object]) -> Grid:
    """Paint the transformed version of each object on top of the grid, keeping the originals."""
    out = grid.copy()
    for obj in objects:
        tick()
        rows, cols, colors = _object_cells(transform(obj), out.shape)
        out[rows, cols] = colors
    return out


def _paint_cells(out: np.ndarray, obj: Object, color: int) -> None:
    rows, cols, _ = _object_cells(obj, out.shape)
    out[rows, cols] = _color(color)


@primitive
def recolor_objects(grid: Grid, objects: Objects, color: Color) -> Grid:
    """Paint the cells of every object with one colour."""
    out = grid.copy()
    for obj in objects:
        _paint_cells(out, obj, color)
    return out


@primitive
def recolor_if(grid: Grid, objects: Objects, predicate: Callable[[Object], bool], color: Color) -> Grid:
    """Paint the cells of the objects for which a predicate holds with one colour."""
    out = grid.copy()
    for obj in objects:
        tick()
        if predicate(obj):
            _paint_cells(out, obj, color)
    return out


@primitive
def erase_if(grid: Grid, objects: Objects, predicate: Callable[[Object], bool]) -> Grid:
    """Erase (paint with background) the objects for which a predicate holds."""
    out = grid.copy()
    background = background_color(grid)
    for obj in objects:
        tick()
        if predicate(obj):
            _paint_cells(out, obj, background)
    return out


@primitive
def recolor_by(grid: Grid, objects: Objects, measure: Callable[[Object], Int], mapping: ColorMap) -> Grid:
    """Paint each object with the colour the map gives to its measure (objects whose value is unmapped stay)."""
    out = grid.copy()
    table = dict(mapping.pairs)
    for obj in objects:
        tick()
        value = int(measure(obj))
        if value in table:
            _paint_cells(out, obj, table[value])
    return out


@primitive
def recolor_by_size(grid: Grid, objects: Objects, mapping: ColorMap) -> Grid:
    """Paint each object with the colour the map gives to its number of cells (unmapped sizes stay)."""
    return recolor_by(grid, objects, lambda o: Int(o.size), mapping)


def _dense_ranks(values: list[int], descending: bool) -> list[int]:
    distinct = sorted(set(values), reverse=descending)
    rank = {v: i + 1 for i, v in enumerate(distinct)}
    return [rank[v] for v in values]


@primitive
def recolor_by_size_rank(grid: Grid, objects: Objects, mapping: ColorMap) -> Grid:
    """Paint each object with the colour the map gives to its size rank (1 = largest; equal sizes share a rank)."""
    out = grid.copy()
    table = dict(mapping.pairs)
    for obj, rank in zip(objects, _dense_ranks([o.size for o in objects], True)):
        if rank in table:
            _paint_cells(out, obj, table[rank])
    return out


@primitive
def recolor_by_size_rank_ascending(grid: Grid, objects: Objects, mapping: ColorMap) -> Grid:
    """Paint each object with the colour the map gives to its size rank from the smallest (1 = smallest)."""
    out = grid.copy()
    table = dict(mapping.pairs)
    for obj, rank in zip(objects, _dense_ranks([o.size for o in objects], False)):
        if rank in table:
            _paint_cells(out, obj, table[rank])
    return out


@primitive
def recolor_largest_smallest(grid: Grid, objects: Objects, large: Color, small: Color) -> Grid:
    """Paint the largest objects with one colour and the smallest with another (ties all change)."""
    if not objects:
        raise PrimitiveError("no objects")
    out = grid.copy()
    sizes = [o.size for o in objects]
    largest, smallest = max(sizes), min(sizes)  # max(sizes) per object was quadratic: 0.5 s on 3600 objects
    for obj in objects:
        if obj.size == largest:
            _paint_cells(out, obj, large)
        elif obj.size == smallest:
            _paint_cells(out, obj, small)
    return out


def _same_shape(a: Object, b: Object) -> bool:
    return a.mask.shape == b.mask.shape and bool((a.mask == b.mask).all())


@primitive
def recolor_same_shape(grid: Grid, objects: Objects, template: Object, color: Color) -> Grid:
    """Paint with one colour every object whose shape (its mask, colours ignored) equals a template's."""
    out = grid.copy()
    for obj in objects:
        if _same_shape(obj, template):
            _paint_cells(out, obj, color)
    return out


@primitive
def recolor_by_color_map(grid: Grid, objects: Objects, mapping: ColorMap) -> Grid:
    """Recolour the cells of the objects (only those) through a colour map."""
    out = grid.copy()
    for obj in objects:
        rows, cols, colors = _object_cells(obj, out.shape)
        out[rows, cols] = mapping.apply(colors)
    return out


def _holes(obj: Object) -> np.ndarray:
    """Cells inside the object's box, not in the object, that cannot reach the box's edge (4-connected)."""
    free = ~obj.mask
    labels, _ = ndimage.label(free, structure=_FOUR)
    edge = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return free & ~np.isin(labels, edge)


@primitive
def fill_holes(grid: Grid, objects: Objects, color: Color) -> Grid:
    """Paint the holes of each object (cells it encloses, not in it) with one colour."""
    out = grid.copy()
    c = _color(color)
    for obj in objects:
        tick()
        rows, cols = np.nonzero(_holes(obj))
        rows, cols = rows + obj.top, cols + obj.left
        keep = (rows >= 0) & (rows < out.shape[0]) & (cols >= 0) & (cols < out.shape[1])
        out[rows[keep], cols[keep]] = c
    return out


@primitive
def fill_bboxes(grid: Grid, objects: Objects, color: Color) -> Grid:
    """Paint the background cells inside each object's bounding box with one colour."""
    out = grid.copy()
    background, c = background_color(grid), _color(color)
    for obj in objects:
        box = _bbox_slices(obj, out.shape)
        if box is not None:
            region = out[box]
            region[grid[box] == background] = c
    return out


@primitive
def fill_interiors(grid: Grid, objects: Objects, color: Color) -> Grid:
    """Paint each object's bounding box minus its outermost ring of cells with one colour."""
    out = grid.copy()
    c = _color(color)
    for obj in objects:
        box = _bbox_slices(obj, out.shape, inset=1)
        if box is not None:
            out[box] = c
    return out


@primitive
def outline_objects(grid: Grid, objects: Objects, color: Color) -> Grid:
    """Draw a box one cell outside each object's bounding box, on background cells only."""
    out = grid.copy()
    background, c = background_color(grid), _color(color)
    h, w = grid.shape
    for obj in objects:
        top, left = obj.top - 1, obj.left - 1
        bottom, right = obj.top + obj.height, obj.left + obj.width
        ring = np.zeros((h, w), dtype=bool)
        t, b, l, r = max(top, 0), min(bottom, h - 1), max(left, 0), min(right, w - 1)
        if t > b or l > r:
            continue
        for row in (top, bottom):
            if 0 <= row < h:
                ring[row, l : r + 1] = True
        for col in (left, right):
            if 0 <= col < w:
                ring[t : b + 1, col] = True
        out[ring & (grid == background)] = c
    return out


@primitive
def halo_objects(grid: Grid, objects: Objects, color: Color) -> Grid:
    """Paint the background cells touching each object (8 neighbours) with one colour."""
    mask = np.zeros(grid.shape, dtype=bool)
    for obj in objects:
        rows, cols, _ = _object_cells(obj, grid.shape)
        mask[rows, cols] = True
    grown = ndimage.binary_dilation(mask, structure=np.ones((3, 3), dtype=bool))
    return np.where(grown & ~mask & (grid == background_color(grid)), _color(color), grid)


@primitive
def map_grids(grids: Grids, transform: Callable[[Grid], Grid]) -> Grids:
    """Apply a grid transformation to each grid of a sequence."""
    check_count(len(grids))
    results = []
    for grid in grids:
        tick()
        results.append(transform(grid))
    return tuple(results)


@primitive
def map_cells(grid: Grid, objects: Objects, transform: Callable[[Grid], Grid]) -> Grid:
    """Replace the part of the grid under each object's bounding box by a same-sized transformation of it."""
    out = grid.copy()
    for obj in objects:
        tick()
        box = _bbox_slices(obj, out.shape)
        if box is None:
            continue
        result = np.asarray(transform(as_grid(grid[box])))
        if result.shape != out[box].shape:
            raise PrimitiveError(f"transform changed a {out[box].shape} box to {result.shape}")
        out[box] = result
    return out


@primitive
def fill_corners(grid: Grid, objects: Objects, color: Color) -> Grid:
    """Paint the four corner cells of each object's bounding box with one colour."""
    out = grid.copy()
    c = _color(color)
    h, w = grid.shape
    for obj in objects:
        for row in (obj.top, obj.top + obj.height - 1):
            for col in (obj.left, obj.left + obj.width - 1):
                if 0 <= row < h and 0 <= col < w:
                    out[row, col] = c
    return out


@primitive
def recolor_every_other(grid: Grid, objects: Objects, color: Color) -> Grid:
    """Paint the 2nd, 4th, 6th… cell (in reading order) of each object with one colour."""
    out = grid.copy()
    c = _color(color)
    for obj in objects:
        rows, cols, _ = _object_cells(obj, out.shape)
        out[rows[1::2], cols[1::2]] = c
    return out


@primitive
def mark_outer_corners(
    grid: Grid, objects: Objects, top_left: Color, top_right: Color, bottom_left: Color, bottom_right: Color
) -> Grid:
    """Paint the four cells diagonally outside the corners of each object's bounding box, one colour per corner."""
    out = grid.copy()
    h, w = grid.shape
    for obj in objects:
        top, left = obj.top - 1, obj.left - 1
        bottom, right = obj.top + obj.height, obj.left + obj.width
        for row, col, color in (
            (top, left, top_left),
            (top, right, top_right),
            (bottom, left, bottom_left),
            (bottom, right, bottom_right),
        ):
            if 0 <= row < h and 0 <= col < w:
                out[row, col] = _color(color)
    return out


# ---------------------------------------------------------------- round 2: centres, nearest colours


@primitive
def mark_centers(grid: Grid, objects: Objects, color: Color) -> Grid:
    """Paint the centre cell of each object's bounding box (rounded up and left) with one colour."""
    out = grid.copy()
    paint = _color(color)
    for obj in objects:
        r, c = obj.top + (obj.height - 1) // 2, obj.left + (obj.width - 1) // 2
        if 0 <= r < out.shape[0] and 0 <= c < out.shape[1]:
            out[r, c] = paint
    return out


@primitive
def recolor_by_nearest(grid: Grid, objects: Objects) -> Grid:
    """Paint each object with the colour of the nearest non-background cell whose colour the object lacks (ties: reading order)."""
    out = grid.copy()
    background = background_color(grid)
    for obj in objects:
        tick()
        rows, cols, _ = _object_cells(obj, grid.shape)
        if len(rows) == 0:
            continue
        candidates = (grid != background) & ~np.isin(grid, obj.colors)
        c_rows, c_cols = np.nonzero(candidates)
        if len(c_rows) == 0:
            continue
        distance = np.abs(c_rows[:, None] - rows[None, :]) + np.abs(c_cols[:, None] - cols[None, :])
        nearest = int(np.argmin(distance.min(axis=1)))
        out[rows, cols] = grid[c_rows[nearest], c_cols[nearest]]
    return out


# ---------------------------------------------------------------- round 3


@primitive
def fill_half(grid: Grid, objects: Objects, direction: Int, color: Color) -> Grid:
    """Paint the cells of each object in the half of its box towards a side (0 top, 2 right, 4 bottom, 6 left; an odd middle line stays) with one colour."""
    side = int(direction)
    if side not in (0, 2, 4, 6):
        raise PrimitiveError(f"direction {direction} is not 0, 2, 4 or 6")
    paint = _color(color)
    out = grid.copy()
    for obj in objects:
        rows, cols, _ = _object_cells(obj, grid.shape)
        rel_rows, rel_cols = rows - obj.top, cols - obj.left
        if side == 0:
            keep = rel_rows < obj.height // 2
        elif side == 4:
            keep = rel_rows >= obj.height - obj.height // 2
        elif side == 6:
            keep = rel_cols < obj.width // 2
        else:
            keep = rel_cols >= obj.width - obj.width // 2
        out[rows[keep], cols[keep]] = paint
    return out


@primitive
def recolor_like_templates(grid: Grid, objects: Objects, templates: Objects) -> Grid:
    """Paint each object with the main colour of the first template shaped exactly like it (colours ignored); others stay."""
    out = grid.copy()
    for obj in objects:
        for template in templates:
            if template.mask.shape == obj.mask.shape and (template.mask == obj.mask).all():
                _paint_cells(out, obj, template.color)
                break
    return out


@primitive
def transform_objects(objects: Objects, transform: Callable[[Object], Object]) -> Objects:
    """Apply an object transformation to each object of a sequence, keeping the order."""
    result = []
    for obj in objects:
        tick()
        result.append(transform(obj))
    return tuple(result)


@primitive
def erase_alternate(grid: Grid, objects: Objects, offset: Int) -> Grid:
    """Erase (to the background) every other cell of each object in reading order, starting with its first cell (offset 0) or its second (offset 1)."""
    start = int(offset)
    if start not in (0, 1):
        raise PrimitiveError(f"offset {offset} is not 0 or 1")
    background = background_color(grid)
    out = grid.copy()
    for obj in objects:
        rows, cols, _ = _object_cells(obj, grid.shape)
        out[rows[start::2], cols[start::2]] = background
    return out


@primitive
def block_beside_by(grid: Grid, objects: Objects, side: Int, measure: Callable[[Object], Int], color: Color) -> Grid:
    """Paint a block of a colour against one side (0 top, 2 right, 4 bottom, 6 left) of each object's bounding box, as long as that side and as deep as a measure of the object (background cells only)."""
    if int(side) not in (0, 2, 4, 6):
        raise PrimitiveError(f"side {side} is not 0, 2, 4 or 6")
    paint = _color(color)
    background = background_color(grid)
    out = grid.copy()
    h, w = grid.shape
    for obj in objects:
        tick()
        depth = int(measure(obj))
        if depth <= 0:
            continue
        top, left, bottom, right = obj.top, obj.left, obj.top + obj.height, obj.left + obj.width
        if side == 0:
            top, bottom = top - depth, top
        elif side == 4:
            top, bottom = bottom, bottom + depth
        elif side == 6:
            left, right = left - depth, left
        else:
            left, right = right, right + depth
        top, left, bottom, right = max(top, 0), max(left, 0), min(bottom, h), min(right, w)
        if top >= bottom or left >= right:
            continue
        window = out[top:bottom, left:right]
        window[grid[top:bottom, left:right] == background] = paint
    return out


@primitive
def recolor_every_nth(grid: Grid, objects: Objects, step: Int, color: Color) -> Grid:
    """Paint the 1st, (step+1)-th, (2·step+1)-th… object of the sequence with one colour."""
    if int(step) < 1:
        raise PrimitiveError(f"step {step} is not positive")
    out = grid.copy()
    c = _color(color)
    for obj in objects[:: int(step)]:
        rows, cols, _ = _object_cells(obj, out.shape)
        out[rows, cols] = c
    return out


@primitive
def fit_pieces_into_holes(grid: Grid, containers: Objects, pieces: Objects) -> Grid:
    """Move each piece shaped exactly like a hole of a container (a region it encloses) into that hole; each hole takes the nearest such piece."""
    background = background_color(grid)
    moves: list[tuple[Object, int, int]] = []
    used: set[int] = set()
    for container in containers:
        tick()
        labels, count = ndimage.label(_holes(container), structure=_FOUR)
        for label in range(1, count + 1):
            rows, cols = np.nonzero(labels == label)
            top, left = int(rows.min()), int(cols.min())
            hole = np.zeros((int(rows.max()) - top + 1, int(cols.max()) - left + 1), dtype=bool)
            hole[rows - top, cols - left] = True
            best = None  # (distance, index) of the nearest unused piece of the hole's shape
            for index, piece in enumerate(pieces):
                tick()
                if index in used or piece == container or piece.mask.shape != hole.shape:
                    continue
                if (piece.mask == hole).all():
                    distance = abs(piece.top - container.top - top) + abs(piece.left - container.left - left)
                    if best is None or distance < best[0]:
                        best = (distance, index)
            if best is not None:
                used.add(best[1])
                moves.append((pieces[best[1]], container.top + top, container.left + left))
    out = grid.copy()
    for piece, _, _ in moves:
        rows, cols, _ = _object_cells(piece, out.shape)
        out[rows, cols] = background
    for piece, top, left in moves:
        moved = Object(top, left, piece.patch, piece.mask)
        rows, cols, colors = _object_cells(moved, out.shape)
        out[rows, cols] = colors
    return out
