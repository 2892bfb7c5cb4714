"""Painting: put objects on grids, fill, underfill, lines and rays, boxes, flood fill, gravity."""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.limits import check_grid_shape, tick
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Color, ColorMap, Grid, Int, Object, Objects, background_color

_FOUR = ndimage.generate_binary_structure(2, 1)


@primitive
def paint_object(grid: Grid, obj: Object) -> Grid:
    """Paint an object's cells onto the grid at its position (cells off the grid are dropped)."""
    out = grid.copy()
    for row, col, color in obj.cells():
        if 0 <= row < out.shape[0] and 0 <= col < out.shape[1]:
            out[row, col] = color
    return out


@primitive
def crop_to_object(grid: Grid, obj: Object) -> Grid:
    """The part of the grid under an object's bounding box."""
    top, left = max(obj.top, 0), max(obj.left, 0)
    bottom, right = min(obj.top + obj.height, grid.shape[0]), min(obj.left + obj.width, grid.shape[1])
    check_grid_shape(bottom - top, right - left)
    return grid[top:bottom, left:right]


# ----------------------------------------------------------------------------------------------
# Directions are compass steps, clockwise from up: 0 up, 1 up-right, 2 right, 3 down-right,
# 4 down, 5 down-left, 6 left, 7 up-left.
DIRECTIONS: tuple[tuple[int, int], ...] = ((-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1))


def direction_step(direction: int) -> tuple[int, int]:
    """The (row, column) step of a compass direction 0..7 (0 up, 2 right, 4 down, 6 left)."""
    if not 0 <= int(direction) < 8:
        raise PrimitiveError(f"direction {direction} is not 0..7")
    return DIRECTIONS[int(direction)]


def _object_cells(obj: Object, shape: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Absolute rows, columns and colours of an object's cells that lie on a grid of `shape`."""
    rows, cols = np.nonzero(obj.mask)
    colors = obj.patch[rows, cols]
    rows, cols = rows + obj.top, cols + obj.left
    keep = (rows >= 0) & (rows < shape[0]) & (cols >= 0) & (cols < shape[1])
    return rows[keep], cols[keep], colors[keep]


def _bbox_slices(obj: Object, shape: tuple[int, int], inset: int = 0) -> tuple[slice, slice] | None:
    top, left = max(obj.top + inset, 0), max(obj.left + inset, 0)
    bottom = min(obj.top + obj.height - inset, shape[0])
    right = min(obj.left + obj.width - inset, shape[1])
    if bottom <= top or right <= left:
        return None
    return slice(top, bottom), slice(left, right)


def _color(value: int) -> np.uint8:
    if not 0 <= int(value) <= 9:
        raise PrimitiveError(f"{value} is not a colour")
    return np.uint8(value)


@primitive
def paint_objects(grid: Grid, objects: Objects) -> Grid:
    """Paint every object's cells onto the grid at their positions, in order."""
    out = grid.copy()
    for obj in objects:
        rows, cols, colors = _object_cells(obj, out.shape)
        out[rows, cols] = colors
    return out


@primitive
def underpaint_object(grid: Grid, obj: Object) -> Grid:
    """Paint an object's cells onto the grid only where the grid shows background."""
    out = grid.copy()
    rows, cols, colors = _object_cells(obj, out.shape)
    free = out[rows, cols] == background_color(grid)
    out[rows[free], cols[free]] = colors[free]
    return out


@primitive
def fill_object(grid: Grid, obj: Object, color: Color) -> Grid:
    """Paint the cells of an object with one colour."""
    out = grid.copy()
    rows, cols, _ = _object_cells(obj, out.shape)
    out[rows, cols] = _color(color)
    return out


@primitive
def fill_bbox(grid: Grid, obj: Object, color: Color) -> Grid:
    """Paint every cell of an object's bounding box with one colour."""
    out = grid.copy()
    box = _bbox_slices(obj, out.shape)
    if box is not None:
        out[box] = _color(color)
    return out


@primitive
def underfill_bbox(grid: Grid, obj: Object, color: Color) -> Grid:
    """Paint the background cells inside an object's bounding box with one colour."""
    out = grid.copy()
    box = _bbox_slices(obj, out.shape)
    if box is not None:
        region = out[box]
        region[region == background_color(grid)] = _color(color)
    return out


@primitive
def erase_object(grid: Grid, obj: Object) -> Grid:
    """Paint an object's cells with the background colour."""
    out = grid.copy()
    rows, cols, _ = _object_cells(obj, out.shape)
    out[rows, cols] = background_color(grid)
    return out


@primitive
def erase_objects(grid: Grid, objects: Objects) -> Grid:
    """Paint the cells of every object with the background colour."""
    out = grid.copy()
    background = background_color(grid)
    for obj in objects:
        rows, cols, _ = _object_cells(obj, out.shape)
        out[rows, cols] = background
    return out


@primitive
def keep_objects(grid: Grid, objects: Objects) -> Grid:
    """A background grid of the same size with only these objects painted on it."""
    out = np.full_like(grid, background_color(grid))
    for obj in objects:
        rows, cols, colors = _object_cells(obj, out.shape)
        out[rows, cols] = colors
    return out


@primitive
def move_object(grid: Grid, obj: Object, rows: Int, cols: Int) -> Grid:
    """Erase an object and paint it again shifted by (rows, cols); cells pushed off the grid are lost."""
    out = erase_object(grid, obj)
    r, c, colors = _object_cells(obj, out.shape)
    r, c = r + int(rows), c + int(cols)
    keep = (r >= 0) & (r < out.shape[0]) & (c >= 0) & (c < out.shape[1])
    out[r[keep], c[keep]] = colors[keep]
    return out


@primitive
def clear_grid(grid: Grid) -> Grid:
    """A grid of the same size filled with the background colour."""
    return np.full_like(grid, background_color(grid))


@primitive
def canvas(height: Int, width: Int, color: Color) -> Grid:
    """A height × width grid of one colour."""
    check_grid_shape(int(height), int(width))
    return np.full((int(height), int(width)), _color(color), dtype=np.uint8)


@primitive
def fill_background(grid: Grid, color: Color) -> Grid:
    """Paint every background cell with one colour."""
    return np.where(grid == background_color(grid), _color(color), grid)


@primitive
def overlay(grid: Grid, top: Grid) -> Grid:
    """Paint the non-background cells of a same-sized grid on top of this one."""
    if grid.shape != top.shape:
        raise PrimitiveError(f"cannot overlay {top.shape} on {grid.shape}")
    return np.where(top != background_color(top), top, grid)


@primitive
def draw_border(grid: Grid, color: Color) -> Grid:
    """Paint the outermost ring of cells of the grid with one colour."""
    out = grid.copy()
    c = _color(color)
    out[0, :], out[-1, :], out[:, 0], out[:, -1] = c, c, c, c
    return out


@primitive
def outline_object(grid: Grid, obj: Object, color: Color) -> Grid:
    """Draw a box one cell outside an object's bounding box, on background cells only."""
    out = grid.copy()
    background, c = background_color(grid), _color(color)
    top, left = obj.top - 1, obj.left - 1
    bottom, right = obj.top + obj.height, obj.left + obj.width
    h, w = out.shape
    for row in range(top, bottom + 1):
        for col in range(left, right + 1):
            on_ring = row in (top, bottom) or col in (left, right)
            if on_ring and 0 <= row < h and 0 <= col < w and out[row, col] == background:
                out[row, col] = c
    return out


@primitive
def surround_cells(grid: Grid, mapping: ColorMap) -> Grid:
    """Around each cell whose colour the map names, paint its 8 background neighbours the mapped colour."""
    out = grid.copy()
    background = background_color(grid)
    h, w = grid.shape
    sources = dict(mapping.pairs)
    for row, col in zip(*np.nonzero(grid != background)):
        color = int(grid[row, col])
        if color not in sources:
            continue
        tick()
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                r, c = row + dr, col + dc
                if 0 <= r < h and 0 <= c < w and grid[r, c] == background:
                    out[r, c] = _color(sources[color])
    return out


def _connect(grid: np.ndarray, color: int, line_color: int, rows: bool, columns: bool) -> np.ndarray:
    out = grid.copy()
    background, paint = background_color(grid), _color(line_color)
    mask = grid == color
    views = ([(grid, out, mask)] if rows else []) + ([(grid.T, out.T, mask.T)] if columns else [])
    for axis_grid, axis_out, axis_mask in views:
        for index in range(axis_grid.shape[0]):
            positions = np.nonzero(axis_mask[index])[0]
            for start, stop in zip(positions[:-1], positions[1:]):
                segment = axis_out[index, start + 1 : stop]
                segment[axis_grid[index, start + 1 : stop] == background] = paint
    return out


@primitive
def connect_cells(grid: Grid, color: Color, line_color: Color) -> Grid:
    """Join each pair of `color` cells in the same row or column by a line over the background between them."""
    return _connect(grid, color, line_color, True, True)


@primitive
def connect_in_rows(grid: Grid, color: Color, line_color: Color) -> Grid:
    """Join each pair of `color` cells in the same row by a horizontal line over the background between them."""
    return _connect(grid, color, line_color, True, False)


@primitive
def connect_in_columns(grid: Grid, color: Color, line_color: Color) -> Grid:
    """Join each pair of `color` cells in the same column by a vertical line over the background between them."""
    return _connect(grid, color, line_color, False, True)


@primitive
def draw_rows_through(grid: Grid, color: Color) -> Grid:
    """Paint the background of every row holding a `color` cell with that colour."""
    rows = (grid == color).any(axis=1)
    return np.where(rows[:, None] & (grid == background_color(grid)), _color(color), grid)


@primitive
def draw_columns_through(grid: Grid, color: Color) -> Grid:
    """Paint the background of every column holding a `color` cell with that colour."""
    cols = (grid == color).any(axis=0)
    return np.where(cols[None, :] & (grid == background_color(grid)), _color(color), grid)


def _rays(grid: np.ndarray, sources: np.ndarray, direction: int, color: int | None, stop_at_contact: bool) -> np.ndarray:
    out = grid.copy()
    background = background_color(grid)
    dr, dc = direction_step(direction)
    h, w = grid.shape
    for row, col in zip(*np.nonzero(sources)):
        paint = np.uint8(grid[row, col] if color is None else color)
        r, c = row + dr, col + dc
        while 0 <= r < h and 0 <= c < w:
            tick()
            if grid[r, c] != background:
                if stop_at_contact:
                    break
            else:
                out[r, c] = paint
            r, c = r + dr, c + dc
    return out


@primitive
def ray_until_contact(grid: Grid, color: Color, direction: Int) -> Grid:
    """From each `color` cell, extend a line of its colour in a direction until the border or a non-background cell."""
    return _rays(grid, grid == color, direction, None, True)


@primitive
def ray_to_border(grid: Grid, color: Color, direction: Int) -> Grid:
    """From each `color` cell, paint the background cells in a direction up to the border with its colour."""
    return _rays(grid, grid == color, direction, None, False)


@primitive
def object_rays(grid: Grid, obj: Object, direction: Int, color: Color) -> Grid:
    """From each cell of an object, extend a line of `color` in a direction until the border or a non-background cell."""
    sources = np.zeros(grid.shape, dtype=bool)
    rows, cols, _ = _object_cells(obj, grid.shape)
    sources[rows, cols] = True
    # a ray leaving an object's cell must not stop at the object's own next cell
    out = grid.copy()
    background = background_color(grid)
    dr, dc = direction_step(direction)
    h, w = grid.shape
    paint = _color(color)
    for row, col in zip(rows, cols):
        r, c = row + dr, col + dc
        while 0 <= r < h and 0 <= c < w:
            tick()
            if sources[r, c]:
                break
            if grid[r, c] != background:
                break
            out[r, c] = paint
            r, c = r + dr, c + dc
    return out


def _outside_background(grid: np.ndarray) -> np.ndarray:
    background = grid == background_color(grid)
    labels, _ = ndimage.label(background, structure=_FOUR)
    border = np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]]))
    return np.isin(labels, border[border > 0])


@primitive
def fill_enclosed(grid: Grid, color: Color) -> Grid:
    """Paint the background cells that cannot reach the border through background (4-connected)."""
    enclosed = (grid == background_color(grid)) & ~_outside_background(grid)
    return np.where(enclosed, _color(color), grid)


@primitive
def fill_outside(grid: Grid, color: Color) -> Grid:
    """Paint the background cells that reach the border through background (4-connected)."""
    return np.where(_outside_background(grid), _color(color), grid)


def _direction_axis(direction: int) -> tuple[int, int]:
    dr, dc = direction_step(direction)
    if dr != 0 and dc != 0:
        raise PrimitiveError("gravity needs a straight direction: 0, 2, 4 or 6")
    return dr, dc


@primitive
def gravity_cells(grid: Grid, direction: Int) -> Grid:
    """Let every non-background cell slide in a direction (0 up, 2 right, 4 down, 6 left) until it stacks."""
    dr, dc = _direction_axis(direction)
    background = background_color(grid)
    # turn so that the direction is "down", compact each column, turn back
    turns = {(1, 0): 0, (0, 1): 3, (-1, 0): 2, (0, -1): 1}[(dr, dc)]
    view = np.rot90(grid, turns)
    out = np.full_like(view, background)
    for col in range(view.shape[1]):
        cells = view[:, col][view[:, col] != background]
        if len(cells):
            out[-len(cells) :, col] = cells
    return np.ascontiguousarray(np.rot90(out, -turns))


def _slide(occupied: np.ndarray, rows: np.ndarray, cols: np.ndarray, dr: int, dc: int) -> int:
    """How far cells at (rows, cols) can move by (dr, dc) steps before leaving the grid or hitting `occupied`."""
    h, w = occupied.shape
    distance = 0
    while True:
        tick()
        r, c = rows + dr * (distance + 1), cols + dc * (distance + 1)
        if (r < 0).any() or (r >= h).any() or (c < 0).any() or (c >= w).any() or occupied[r, c].any():
            return distance
        distance += 1


@primitive
def gravity_objects(grid: Grid, direction: Int) -> Grid:
    """Let each 8-connected non-background object fall rigidly in a direction (0, 2, 4, 6) until it rests."""
    from arc_kernel.dsl.objects import components

    dr, dc = _direction_axis(direction)
    background = background_color(grid)
    found = components(grid, grid != background, 8, False)
    # nearest to the wall first
    def lead(obj: Object) -> int:
        return -(dr * (obj.top + obj.height - 1) if dr > 0 else dr * obj.top) - (
            dc * (obj.left + obj.width - 1) if dc > 0 else dc * obj.left
        )

    out = np.full_like(grid, background)
    occupied = np.zeros(grid.shape, dtype=bool)
    for obj in sorted(found, key=lead):
        rows, cols, colors = _object_cells(obj, grid.shape)
        distance = _slide(occupied, rows, cols, dr, dc)
        rows, cols = rows + dr * distance, cols + dc * distance
        out[rows, cols] = colors
        occupied[rows, cols] = True
    return out


@primitive
def move_until_contact(grid: Grid, obj: Object, target: Object) -> Grid:
    """Slide an object straight towards another (along the axis they share) until it touches it."""
    rows, cols, colors = _object_cells(obj, grid.shape)
    t_rows, t_cols, _ = _object_cells(target, grid.shape)
    if len(rows) == 0 or len(t_rows) == 0:
        raise PrimitiveError("object off the grid")
    if cols.max() >= t_cols.min() and t_cols.max() >= cols.min():
        dr, dc = (1 if t_rows.min() > rows.max() else -1), 0
    elif rows.max() >= t_rows.min() and t_rows.max() >= rows.min():
        dr, dc = 0, (1 if t_cols.min() > cols.max() else -1)
    else:
        raise PrimitiveError("objects share no row or column")
    occupied = np.zeros(grid.shape, dtype=bool)
    occupied[t_rows, t_cols] = True
    distance = _slide(occupied, rows, cols, dr, dc)
    return move_object(grid, obj, Int(dr * distance), Int(dc * distance))


@primitive
def stamp_centered(grid: Grid, obj: Object, color: Color) -> Grid:
    """Paint a copy of an object centred on each cell of `color` (the centre is its middle cell, rounded up-left)."""
    out = grid.copy()
    rows, cols, colors = _all_cells(obj)
    rows, cols = rows - obj.top - (obj.height - 1) // 2, cols - obj.left - (obj.width - 1) // 2
    h, w = grid.shape
    for row, col in zip(*np.nonzero(grid == color)):
        tick()
        r, c = rows + row, cols + col
        keep = (r >= 0) & (r < h) & (c >= 0) & (c < w)
        out[r[keep], c[keep]] = colors[keep]
    return out


def _all_cells(obj: Object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows, cols = np.nonzero(obj.mask)
    return rows + obj.top, cols + obj.left, obj.patch[rows, cols]


@primitive
def extend_all_cells(grid: Grid, direction: Int) -> Grid:
    """From every non-background cell, extend a line of its colour in a direction until the border or a non-background cell."""
    return _rays(grid, grid != background_color(grid), direction, None, True)


@primitive
def connect_same_colors(grid: Grid) -> Grid:
    """Join each two nearest same-coloured cells of a column, then of a row, by a line of their colour over the background."""
    out = grid.copy()
    background = background_color(grid)
    for view_in, view_out in ((grid.T, out.T), (grid, out)):
        for index in range(view_in.shape[0]):
            line = view_in[index]
            for color in np.unique(line):
                if color == background:
                    continue
                positions = np.nonzero(line == color)[0]
                for start, stop in zip(positions[:-1], positions[1:]):
                    segment = view_out[index, start + 1 : stop]
                    segment[segment == background] = color
    return out


def _surround(grid: np.ndarray, mapping: ColorMap, offsets: tuple[tuple[int, int], ...]) -> np.ndarray:
    out = grid.copy()
    background = background_color(grid)
    height, width = grid.shape
    for source, target in mapping.pairs:
        rows, cols = np.nonzero(grid == source)
        for r, c in zip(rows, cols):
            for dr, dc in offsets:
                rr, cc = r + dr, c + dc
                if 0 <= rr < height and 0 <= cc < width and grid[rr, cc] == background:
                    out[rr, cc] = target
    return out


@primitive
def surround_diagonal(grid: Grid, mapping: ColorMap) -> Grid:
    """Around each cell whose colour the map names, paint its 4 diagonal background neighbours the mapped colour."""
    return _surround(grid, mapping, ((-1, -1), (-1, 1), (1, -1), (1, 1)))


@primitive
def surround_orthogonal(grid: Grid, mapping: ColorMap) -> Grid:
    """Around each cell whose colour the map names, paint its 4 side-by-side background neighbours the mapped colour."""
    return _surround(grid, mapping, ((-1, 0), (1, 0), (0, -1), (0, 1)))


@primitive
def flood_fill_from(grid: Grid, color: Color, through: Color) -> Grid:
    """Spread `color` from its cells into every 4-connected region of colour `through` that touches them."""
    medium = grid == through
    seeds = grid == color
    labels, _ = ndimage.label(medium, structure=_FOUR)
    touching = ndimage.binary_dilation(seeds, structure=_FOUR) & medium
    reached = np.isin(labels, np.unique(labels[touching])) & medium
    return np.where(reached, _color(color), grid)


@primitive
def move_cells_toward(grid: Grid, color: Color, target: Object) -> Grid:
    """Slide each `color` cell straight or diagonally towards an object until it touches it (or another cell)."""
    out = grid.copy()
    background = background_color(grid)
    t_rows, t_cols, _ = _object_cells(target, grid.shape)
    if len(t_rows) == 0:
        raise PrimitiveError("target off the grid")
    top, bottom, left, right = t_rows.min(), t_rows.max(), t_cols.min(), t_cols.max()
    in_target = np.zeros(grid.shape, dtype=bool)
    in_target[t_rows, t_cols] = True
    cells = [(r, c) for r, c in zip(*np.nonzero((grid == color) & ~in_target))]
    # nearest cells first, so a cell stops against one that already arrived
    cells.sort(key=lambda rc: max(abs(rc[0] - min(max(rc[0], top), bottom)), abs(rc[1] - min(max(rc[1], left), right))))
    h, w = grid.shape
    for row, col in cells:
        dr = int(np.sign(min(max(row, top), bottom) - row))
        dc = int(np.sign(min(max(col, left), right) - col))
        if dr == 0 and dc == 0:
            continue
        r, c = row, col
        while True:
            tick()
            nr, nc = r + dr, c + dc
            if not (0 <= nr < h and 0 <= nc < w) or out[nr, nc] != background:
                break
            r, c = nr, nc
        out[row, col] = background
        out[r, c] = grid[row, col]
    return out


@primitive
def connect_diagonals(grid: Grid) -> Grid:
    """Join each two nearest same-coloured cells on a common diagonal by a diagonal line of their colour over the background."""
    out = grid.copy()
    background = background_color(grid)
    height, width = grid.shape
    for flipped in (False, True):
        source = grid[:, ::-1] if flipped else grid
        target = out[:, ::-1] if flipped else out
        for offset in range(-height + 1, width):
            tick()  # up to 238 diagonals with a Python loop each: 0.25 s on 60x60 noise
            line = np.diagonal(source, offset)
            rows = np.arange(len(line)) + max(0, -offset)
            cols = rows + offset
            for color in np.unique(line):
                if color == background:
                    continue
                positions = np.nonzero(line == color)[0]
                for start, stop in zip(positions[:-1], positions[1:]):
                    for k in range(start + 1, stop):
                        if target[rows[k], cols[k]] == background:
                            target[rows[k], cols[k]] = color
    return out


@primitive
def draw_cross_through(grid: Grid, color: Color) -> Grid:
    """Paint the background of every row and every column holding a `color` cell with that colour."""
    mask = grid == color
    lines = mask.any(axis=1)[:, None] | mask.any(axis=0)[None, :]
    return np.where(lines & (grid == background_color(grid)), np.uint8(color), grid)


@primitive
def stamp_at(grid: Grid, pattern: Grid, color: Color) -> Grid:
    """Paint a copy of the pattern centred on every cell of a colour (parts off the grid are dropped)."""
    out = grid.copy()
    ph, pw = pattern.shape
    height, width = grid.shape
    rows, cols = np.nonzero(grid == color)
    for r, c in zip(rows, cols):
        tick()
        top, left = r - ph // 2, c - pw // 2
        r0, c0 = max(top, 0), max(left, 0)
        r1, c1 = min(top + ph, height), min(left + pw, width)
        if r0 < r1 and c0 < c1:
            out[r0:r1, c0:c1] = pattern[r0 - top : r1 - top, c0 - left : c1 - left]
    return out


def _rays_relative(grid: np.ndarray, color: int, target: Object, sign: int) -> np.ndarray:
    out = grid.copy()
    background = background_color(grid)
    t_rows, t_cols, _ = _object_cells(target, grid.shape)
    if len(t_rows) == 0:
        raise PrimitiveError("target off the grid")
    top, bottom, left, right = t_rows.min(), t_rows.max(), t_cols.min(), t_cols.max()
    in_target = np.zeros(grid.shape, dtype=bool)
    in_target[t_rows, t_cols] = True
    h, w = grid.shape
    for row, col in zip(*np.nonzero((grid == color) & ~in_target)):
        dr = sign * int(np.sign(min(max(row, top), bottom) - row))
        dc = sign * int(np.sign(min(max(col, left), right) - col))
        if dr == 0 and dc == 0:
            continue
        r, c = row + dr, col + dc
        while 0 <= r < h and 0 <= c < w and grid[r, c] == background:
            tick()
            out[r, c] = grid[row, col]
            r, c = r + dr, c + dc
    return out


@primitive
def ray_toward(grid: Grid, color: Color, target: Object) -> Grid:
    """From each `color` cell, extend a line of its colour towards an object until it meets a non-background cell."""
    return _rays_relative(grid, color, target, 1)


@primitive
def ray_away(grid: Grid, color: Color, target: Object) -> Grid:
    """From each `color` cell, extend a line of its colour away from an object until the border or a non-background cell."""
    return _rays_relative(grid, color, target, -1)


@primitive
def repeat_content(grid: Grid) -> Grid:
    """Tile the bounding box of the non-background cells over the whole grid, keeping it in place."""
    rows, cols = np.nonzero(grid != background_color(grid))
    if len(rows) == 0:
        raise PrimitiveError("no non-background cells")
    top, left = rows.min(), cols.min()
    height, width = rows.max() - top + 1, cols.max() - left + 1
    row_index = top + (np.arange(grid.shape[0]) - top) % height
    col_index = left + (np.arange(grid.shape[1]) - left) % width
    return grid[np.ix_(row_index, col_index)]


@primitive
def connect_same_colors_over(grid: Grid, background: Color) -> Grid:
    """Join each two nearest same-coloured cells of a column, then of a row, by a line of their colour over cells of a given colour (the most common colour is never joined)."""
    out = grid.copy()
    skip = (int(background), background_color(grid))
    for view_in, view_out in ((grid.T, out.T), (grid, out)):
        for index in range(view_in.shape[0]):
            line = view_in[index]
            for color in np.unique(line):
                if int(color) in skip:
                    continue
                positions = np.nonzero(line == color)[0]
                for start, stop in zip(positions[:-1], positions[1:]):
                    segment = view_out[index, start + 1 : stop]
                    segment[segment == background] = color
    return out


# ---------------------------------------------------------------- round 2b: bouncing rays, elbows, lines across regions


@primitive
def bounce_ray(grid: Grid, color: Color, direction: Int) -> Grid:
    """From each `color` cell, run a diagonal line of its colour that bounces off the left and right edges until it leaves the top or bottom (background cells only)."""
    d = int(direction)
    if d not in (1, 3, 5, 7):
        raise PrimitiveError(f"direction {direction} is not diagonal")
    dr, dc = direction_step(d)
    height, width = grid.shape
    background = background_color(grid)
    out = grid.copy()
    c_value = _color(color)
    for row, col in np.argwhere(np.asarray(grid) == c_value):
        r, c, step = int(row), int(col), dc
        while True:
            tick()
            r += dr
            if not 0 <= r < height:
                break
            if not 0 <= c + step < width:
                step = -step
            if 0 <= c + step < width:
                c += step
            if out[r, c] == background:
                out[r, c] = c_value
    return out


@primitive
def connect_elbow(grid: Grid, first: Color, second: Color, color: Color) -> Grid:
    """Join each `first` cell to each `second` cell by an elbow line of `color`: along the first's row to the second's column, then along that column (background cells only)."""
    background = background_color(grid)
    out = grid.copy()
    paint = _color(color)
    starts = np.argwhere(np.asarray(grid) == int(first))
    ends = np.argwhere(np.asarray(grid) == int(second))
    tick(len(starts) * len(ends))  # one step per elbow
    if not len(starts) or not len(ends):
        return out
    height, width = grid.shape
    r0, c0 = (np.repeat(a, len(ends)) for a in starts.T)  # every (start, end) pair
    r1, c1 = (np.tile(a, len(starts)) for a in ends.T)
    across = np.zeros((height, width + 1), dtype=np.int32)  # +1/−1 at each row segment's ends, summed along rows
    np.add.at(across, (r0, np.minimum(c0, c1)), 1)
    np.add.at(across, (r0, np.maximum(c0, c1) + 1), -1)
    down = np.zeros((height + 1, width), dtype=np.int32)  # the same for each column segment
    np.add.at(down, (np.minimum(r0, r1), c1), 1)
    np.add.at(down, (np.maximum(r0, r1) + 1, c1), -1)
    on_elbow = (np.cumsum(across, axis=1)[:, :width] > 0) | (np.cumsum(down, axis=0)[:height] > 0)
    out[on_elbow & (np.asarray(grid) == background)] = paint
    return out


@primitive
def draw_across_regions(grid: Grid, color: Color) -> Grid:
    """Through each `color` cell, draw a line of its colour across the box of the one-colour region around it, along the box's shorter side."""
    height, width = grid.shape
    out = grid.copy()
    paint = _color(color)
    for row, col in np.argwhere(np.asarray(grid) == paint):
        tick()
        r, c = int(row), int(col)
        around = [int(grid[r + a, c + b]) for a, b in ((-1, 0), (1, 0), (0, -1), (0, 1))
                  if 0 <= r + a < height and 0 <= c + b < width and grid[r + a, c + b] != paint]
        if not around:
            continue
        region_color = max(sorted(set(around)), key=around.count)
        member = (np.asarray(grid) == region_color) | (np.asarray(grid) == paint)
        labels, _ = ndimage.label(member, structure=_FOUR)
        rows, cols = np.nonzero(labels == labels[r, c])
        top, bottom, left, right = rows.min(), rows.max(), cols.min(), cols.max()
        if bottom - top <= right - left:
            segment = (slice(top, bottom + 1), slice(c, c + 1))
        else:
            segment = (slice(r, r + 1), slice(left, right + 1))
        view = out[segment]
        view[np.asarray(grid)[segment] == region_color] = paint
    return out


# ---------------------------------------------------------------- round 2b: extension over a given ground, checkerboard flood, stretching boxes


@primitive
def extend_over(grid: Grid, ground: Color, direction: Int) -> Grid:
    """From every cell not of colour `ground`, extend a line of its colour in a direction over `ground` cells until the border or another cell."""
    dr, dc = direction_step(direction)
    height, width = grid.shape
    g = int(ground)
    out = grid.copy()
    for row, col in np.argwhere(np.asarray(grid) != g):
        r, c = int(row) + dr, int(col) + dc
        while 0 <= r < height and 0 <= c < width and grid[r, c] == g:
            tick()
            out[r, c] = grid[row, col]
            r, c = r + dr, c + dc
    return out


@primitive
def flood_checkerboard(grid: Grid, first: Color, second: Color, through: Color) -> Grid:
    """Spread from the `first` and `second` cells through 4-connected `through` cells, colouring them in a checkerboard: `first` on the squares of the same parity as the `first` cells, `second` on the others."""
    a, b, t = _color(first), _color(second), int(through)
    seeds_a = np.argwhere(np.asarray(grid) == a)
    if len(seeds_a) == 0:
        raise PrimitiveError(f"no cell of colour {first}")
    parity = int(seeds_a[0][0] + seeds_a[0][1]) % 2
    seeds = (np.asarray(grid) == a) | (np.asarray(grid) == int(b))
    labels, _ = ndimage.label(seeds | (np.asarray(grid) == t), structure=_FOUR)
    reached = np.isin(labels, np.unique(labels[seeds])) & (np.asarray(grid) == t)
    rows, cols = np.indices(grid.shape)
    out = grid.copy()
    out[reached & ((rows + cols) % 2 == parity)] = a
    out[reached & ((rows + cols) % 2 != parity)] = b
    return out


def _stretch_index(new: int, old: int) -> np.ndarray:
    """Source index of each of `new` positions when a run of `old` keeps its ends and repeats its middle."""
    index = np.empty(new, dtype=int)
    for k in range(new):
        if k == 0 or old == 1:
            index[k] = 0
        elif k == new - 1:
            index[k] = old - 1
        else:
            index[k] = min(k, old - 2) if old > 2 else min(k, old - 1)
    return index


@primitive
def stretch_to_cover(grid: Grid, obj: Object, target: Object) -> Grid:
    """Redraw an object stretched (its first and last rows and columns kept, its middle repeated) so its box also covers a target object's box."""
    top = min(obj.top, target.top)
    left = min(obj.left, target.left)
    bottom = max(obj.top + obj.height, target.top + target.height)
    right = max(obj.left + obj.width, target.left + target.width)
    check_grid_shape(bottom - top, right - left)
    rows = _stretch_index(bottom - top, obj.height)
    cols = _stretch_index(right - left, obj.width)
    patch = obj.patch[np.ix_(rows, cols)]
    mask = obj.mask[np.ix_(rows, cols)]
    out = paint_object(erase_object(erase_object(grid, target), obj), Object(top, left, patch, mask))
    return out


# ---------------------------------------------------------------- round 2: stamping templates, aligned rays, tip rays, side marks


@primitive
def stamp_at_objects(grid: Grid, template: Object, objects: Objects) -> Grid:
    """Paint a copy of a template object at each object's place (top-left corners aligned)."""
    out = grid.copy()
    rows, cols = np.nonzero(template.mask)
    colors = template.patch[rows, cols]
    for obj in objects:
        tick()
        r, c = rows + obj.top, cols + obj.left
        keep = (r >= 0) & (r < out.shape[0]) & (c >= 0) & (c < out.shape[1])
        out[r[keep], c[keep]] = colors[keep]
    return out


@primitive
def rays_toward_object(grid: Grid, target: Object) -> Grid:
    """From every non-background cell outside an object that shares a row or column with it, extend a line of its colour straight towards it until a non-background cell."""
    out = grid.copy()
    background = background_color(grid)
    t_rows, t_cols, _ = _object_cells(target, grid.shape)
    if len(t_rows) == 0:
        raise PrimitiveError("target off the grid")
    top, bottom, left, right = t_rows.min(), t_rows.max(), t_cols.min(), t_cols.max()
    in_target = np.zeros(grid.shape, dtype=bool)
    in_target[t_rows, t_cols] = True
    h, w = grid.shape
    for row, col in zip(*np.nonzero((grid != background) & ~in_target)):
        in_rows, in_cols = top <= row <= bottom, left <= col <= right
        if in_rows == in_cols:
            continue
        dr = 0 if in_rows else int(np.sign(top - row))
        dc = 0 if in_cols else int(np.sign(left - col))
        r, c = row + dr, col + dc
        while 0 <= r < h and 0 <= c < w and grid[r, c] == background:
            tick()
            out[r, c] = grid[row, col]
            r, c = r + dr, c + dc
    return out


@primitive
def ray_from_tip(grid: Grid, obj: Object, direction: Int, color: Color) -> Grid:
    """From the object's cells that lie farthest in a direction, extend a line of `color` that way until the border or a non-background cell."""
    dr, dc = direction_step(direction)
    paint = _color(color)
    rows, cols, _ = _object_cells(obj, grid.shape)
    if len(rows) == 0:
        raise PrimitiveError("object off the grid")
    reach = rows * dr + cols * dc
    out = grid.copy()
    background = background_color(grid)
    h, w = grid.shape
    for row, col in zip(rows[reach == reach.max()], cols[reach == reach.max()]):
        r, c = row + dr, col + dc
        while 0 <= r < h and 0 <= c < w and grid[r, c] == background:
            tick()
            out[r, c] = paint
            r, c = r + dr, c + dc
    return out


@primitive
def mark_sides(grid: Grid, color: Color, up: Color, right: Color, down: Color, left: Color) -> Grid:
    """Paint the background cells above, right of, below and left of each `color` cell with four given colours."""
    out = grid.copy()
    background = background_color(grid)
    h, w = grid.shape
    marks = ((-1, 0, _color(up)), (0, 1, _color(right)), (1, 0, _color(down)), (0, -1, _color(left)))
    for row, col in zip(*np.nonzero(grid == int(color))):
        tick()
        for dr, dc, paint in marks:
            r, c = row + dr, col + dc
            if 0 <= r < h and 0 <= c < w and grid[r, c] == background:
                out[r, c] = paint
    return out


@primitive
def rays_four_ways(grid: Grid, color: Color) -> Grid:
    """From each `color` cell of the grid as given, extend lines of its colour up, right, down and left until the border or a non-background cell."""
    out = grid.copy()
    background = background_color(grid)
    h, w = grid.shape
    for row, col in zip(*np.nonzero(grid == int(color))):
        for dr, dc in ((-1, 0), (0, 1), (1, 0), (0, -1)):
            r, c = row + dr, col + dc
            while 0 <= r < h and 0 <= c < w and grid[r, c] == background:
                tick()
                out[r, c] = grid[row, col]
                r, c = r + dr, c + dc
    return out


@primitive
def snap_cells_to_lines(grid: Grid) -> Grid:
    """Move each lone cell straight to touch the side of a same-coloured larger shape facing it across its row or column; lone cells with none vanish."""
    from arc_kernel.dsl.objects import components

    background = background_color(grid)
    found = components(np.asarray(grid), np.asarray(grid) != background, 4, True)
    lone = [o for o in found if o.size == 1]
    large = [o for o in found if o.size > 1]
    out = grid.copy()
    for cell in lone:
        out[cell.top, cell.left] = background
    h, w = grid.shape
    for cell in lone:
        tick()
        row, col, color = cell.top, cell.left, cell.color
        best = None
        for shape in large:
            if shape.color != color:
                continue
            rows, cols, _ = _object_cells(shape, grid.shape)
            same_row, same_col = cols[rows == row], rows[cols == col]
            options = []
            if len(same_row):
                target = same_row.min() - 1 if same_row.min() > col else same_row.max() + 1
                options.append((abs(target - col), row, int(target)))
            if len(same_col):
                target = same_col.min() - 1 if same_col.min() > row else same_col.max() + 1
                options.append((abs(target - row), int(target), col))
            for option in options:
                if best is None or option < best:
                    best = option
        if best is not None and 0 <= best[1] < h and 0 <= best[2] < w:
            out[best[1], best[2]] = color
    return out


# ---------------------------------------------------------------- round 3


@primitive
def project_onto_object(grid: Grid, obj: Object) -> Grid:
    """Paint each non-background cell's colour onto the object's cell nearest to it (straight-line distance; ties: reading order)."""
    background = background_color(grid)
    rows, cols, _ = _object_cells(obj, grid.shape)
    if rows.size == 0:
        raise PrimitiveError("the object has no cells on the grid")
    inside = np.zeros(grid.shape, dtype=bool)
    inside[rows, cols] = True
    out = grid.copy()
    for row, col in zip(*np.nonzero((grid != background) & ~inside)):
        tick()
        distances = (rows - row) ** 2 + (cols - col) ** 2
        nearest = int(np.argmin(distances))
        out[rows[nearest], cols[nearest]] = grid[row, col]
    return out


@primitive
def move_by_own_size(grid: Grid, objects: Objects, direction: Int) -> Grid:
    """Move each object in a direction (0..7) by its own height (and/or width); all are erased first, cells off the grid are lost."""
    d_row, d_col = direction_step(direction)
    background = background_color(grid)
    out = grid.copy()
    for obj in objects:
        rows, cols, _ = _object_cells(obj, grid.shape)
        out[rows, cols] = background
    for obj in objects:
        rows, cols, colors = _object_cells(obj, grid.shape)
        rows, cols = rows + d_row * obj.height, cols + d_col * obj.width
        keep = (rows >= 0) & (rows < grid.shape[0]) & (cols >= 0) & (cols < grid.shape[1])
        out[rows[keep], cols[keep]] = colors[keep]
    return out


@primitive
def align_to_object(grid: Grid, objects: Objects, reference: Object, side: Int) -> Grid:
    """Slide each object straight so its edge on one side (0 top, 2 right, 4 bottom, 6 left) lines up with the reference object's."""
    if int(side) not in (0, 2, 4, 6):
        raise PrimitiveError(f"side {side} is not 0, 2, 4 or 6")

    def edge(obj: Object) -> int:
        return {0: obj.top, 4: obj.top + obj.height - 1, 6: obj.left, 2: obj.left + obj.width - 1}[int(side)]

    target = edge(reference)
    background = background_color(grid)
    out = grid.copy()
    for obj in objects:
        rows, cols, _ = _object_cells(obj, grid.shape)
        out[rows, cols] = background
    for obj in objects:
        rows, cols, colors = _object_cells(obj, grid.shape)
        offset = target - edge(obj)
        if int(side) in (0, 4):
            rows = rows + offset
        else:
            cols = cols + offset
        keep = (rows >= 0) & (rows < grid.shape[0]) & (cols >= 0) & (cols < grid.shape[1])
        out[rows[keep], cols[keep]] = colors[keep]
    return out


@primitive
def fill_gap(grid: Grid, first: Object, second: Object, color: Color, inset: Int) -> Grid:
    """Paint the background between two objects facing each other across rows or columns, over the span they share shrunk by `inset` at each end."""
    paint = _color(color)
    a_rows = (first.top, first.top + first.height - 1)
    b_rows = (second.top, second.top + second.height - 1)
    a_cols = (first.left, first.left + first.width - 1)
    b_cols = (second.left, second.left + second.width - 1)
    background = background_color(grid)
    out = grid.copy()
    shared_rows = (max(a_rows[0], b_rows[0]), min(a_rows[1], b_rows[1]))
    shared_cols = (max(a_cols[0], b_cols[0]), min(a_cols[1], b_cols[1]))
    if shared_rows[0] <= shared_rows[1] and shared_cols[0] > shared_cols[1]:
        span = (shared_rows[0] + int(inset), shared_rows[1] - int(inset))
        gap = (min(a_cols[1], b_cols[1]) + 1, max(a_cols[0], b_cols[0]) - 1)
        window = (slice(max(span[0], 0), max(span[1] + 1, 0)), slice(max(gap[0], 0), max(gap[1] + 1, 0)))
    elif shared_cols[0] <= shared_cols[1] and shared_rows[0] > shared_rows[1]:
        span = (shared_cols[0] + int(inset), shared_cols[1] - int(inset))
        gap = (min(a_rows[1], b_rows[1]) + 1, max(a_rows[0], b_rows[0]) - 1)
        window = (slice(max(gap[0], 0), max(gap[1] + 1, 0)), slice(max(span[0], 0), max(span[1] + 1, 0)))
    else:
        raise PrimitiveError("the objects do not face each other across rows or columns")
    part = out[window]
    part[part == background] = paint
    return out


@primitive
def connect_edge_pairs(grid: Grid, color: Color) -> Grid:
    """Join each pair of `color` cells at the two ends of a row or of a column by a line of that colour over the background."""
    paint = _color(color)
    background = background_color(grid)
    out = grid.copy()
    for row in range(grid.shape[0]):
        if grid[row, 0] == paint and grid[row, -1] == paint:
            line = out[row]
            line[line == background] = paint
    for col in range(grid.shape[1]):
        if grid[0, col] == paint and grid[-1, col] == paint:
            line = out[:, col]
            line[line == background] = paint
    return out


@primitive
def mirror_onto_marker(grid: Grid, obj: Object, marker: Object) -> Grid:
    """Erase a marker beside an object and paint the object's mirror image across its side facing the marker."""
    o_bottom, o_right = obj.top + obj.height - 1, obj.left + obj.width - 1
    m_bottom, m_right = marker.top + marker.height - 1, marker.left + marker.width - 1
    rows, cols, colors = _object_cells(obj, grid.shape)
    if marker.left > o_right:
        cols = 2 * o_right + 1 - cols
    elif m_right < obj.left:
        cols = 2 * obj.left - 1 - cols
    elif marker.top > o_bottom:
        rows = 2 * o_bottom + 1 - rows
    elif m_bottom < obj.top:
        rows = 2 * obj.top - 1 - rows
    else:
        raise PrimitiveError("the marker is not beside the object")
    out = grid.copy()
    m_rows, m_cols, _ = _object_cells(marker, grid.shape)
    out[m_rows, m_cols] = background_color(grid)
    keep = (rows >= 0) & (rows < grid.shape[0]) & (cols >= 0) & (cols < grid.shape[1])
    out[rows[keep], cols[keep]] = colors[keep]
    return out


@primitive
def ray_through_bulk(grid: Grid, objects: Objects) -> Grid:
    """From each object's cells of its rarest colour, paint a line of that colour on background cells towards (and past) the object's bulk, to the border."""
    background = background_color(grid)
    out = grid.copy()
    h, w = grid.shape
    for obj in objects:
        cells = obj.cells()
        counts: dict[int, int] = {}
        for _, _, color in cells:
            counts[color] = counts.get(color, 0) + 1
        if len(counts) < 2:
            continue
        rare = min(sorted(counts), key=lambda c: counts[c])
        mean_row = sum(r for r, _, _ in cells) / len(cells)
        mean_col = sum(c for _, c, _ in cells) / len(cells)
        for row, col, color in cells:
            if color != rare:
                continue
            d_row, d_col = mean_row - row, mean_col - col
            step_r = 0 if abs(d_row) < 0.25 else (1 if d_row > 0 else -1)
            step_c = 0 if abs(d_col) < 0.25 else (1 if d_col > 0 else -1)
            if step_r == 0 and step_c == 0:
                continue
            r, c = row + step_r, col + step_c
            while 0 <= r < h and 0 <= c < w:
                tick()
                if out[r, c] == background:
                    out[r, c] = rare
                r, c = r + step_r, c + step_c
    return out


@primitive
def rays_from_open_corners(grid: Grid, objects: Objects) -> Grid:
    """From each corner of an object's bounding box that the object leaves empty, extend a diagonal line of its colour outward (away from the box) over background to the border."""
    background = background_color(grid)
    out = grid.copy()
    h, w = grid.shape
    for obj in objects:
        color = np.uint8(obj.color)
        bottom, right = obj.height - 1, obj.width - 1
        for corner_row, corner_col, step_r, step_c in ((0, 0, -1, -1), (0, right, -1, 1), (bottom, 0, 1, -1), (bottom, right, 1, 1)):
            if obj.mask[corner_row, corner_col]:
                continue
            r, c = obj.top + corner_row + step_r, obj.left + corner_col + step_c
            while 0 <= r < h and 0 <= c < w:
                tick()
                if out[r, c] == background:
                    out[r, c] = color
                r, c = r + step_r, c + step_c
    return out


@primitive
def mirror_across_nearest(grid: Grid, objects: Objects, walls: Objects) -> Grid:
    """Move each object to its mirror image across the nearest wall object's fullest line (its fullest row if it is wider than tall, else its fullest column)."""
    if not walls:
        raise PrimitiveError("no wall objects")
    wall_cells = []
    for wall in walls:
        w_rows, w_cols, _ = _object_cells(wall, grid.shape)
        if wall.width > wall.height:
            counts = wall.mask.sum(axis=1)
            axis = ("row", wall.top + int(np.argmax(counts)))
        else:
            counts = wall.mask.sum(axis=0)
            axis = ("col", wall.left + int(np.argmax(counts)))
        wall_cells.append((w_rows, w_cols, axis))
    background = background_color(grid)
    out = grid.copy()
    moves = []
    for obj in objects:
        rows, cols, colors = _object_cells(obj, grid.shape)
        if rows.size == 0:
            continue
        best = None
        for index, (w_rows, w_cols, axis) in enumerate(wall_cells):
            tick()
            if w_rows.size == 0:
                continue
            distance = int(((rows[:, None] - w_rows[None, :]) ** 2 + (cols[:, None] - w_cols[None, :]) ** 2).min())
            if best is None or distance < best[0]:
                best = (distance, axis)
        if best is None:
            continue
        kind, line = best[1]
        if kind == "row":
            new_rows, new_cols = 2 * line - rows, cols
        else:
            new_rows, new_cols = rows, 2 * line - cols
        out[rows, cols] = background
        moves.append((new_rows, new_cols, colors))
    for rows, cols, colors in moves:
        keep = (rows >= 0) & (rows < grid.shape[0]) & (cols >= 0) & (cols < grid.shape[1])
        out[rows[keep], cols[keep]] = colors[keep]
    return out


def _dihedral_variants(patch: np.ndarray, mask: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The 8 rotations and reflections of a patch and its mask (duplicates removed, order fixed)."""
    variants, seen = [], set()
    for flip in (False, True):
        p, m = (patch[:, ::-1], mask[:, ::-1]) if flip else (patch, mask)
        for turns in range(4):
            rp, rm = np.rot90(p, -turns), np.rot90(m, -turns)
            key = (rp.shape, rp.tobytes(), rm.tobytes())
            if key not in seen:
                seen.add(key)
                variants.append((np.ascontiguousarray(rp), np.ascontiguousarray(rm)))
    return variants


@primitive
def complete_copies(grid: Grid, template: Object, objects: Objects) -> Grid:
    """Complete each object that is a part of a rotated or mirrored copy of the template (its cells match the copy's colours) by painting the whole copy."""
    variants = _dihedral_variants(template.patch, template.mask)
    out = grid.copy()
    for obj in objects:
        if obj == template:
            continue
        cells = obj.cells()
        if not cells:
            continue
        for patch, mask in variants:
            if _fit_and_paint(out, cells, patch, mask):
                break
    return out


@primitive
def sweep_toward_markers(grid: Grid, objects: Objects, marker: Color) -> Grid:
    """Drag each object's shape, in its non-marker colour, step by step to the border in the direction of each of its `marker` cells from its centre."""
    out = grid.copy()
    h, w = grid.shape
    for obj in objects:
        cells = obj.cells()
        others = [color for _, _, color in cells if color != int(marker)]
        if not others or len(others) == len(cells):
            continue
        paint = np.uint8(max(sorted(set(others)), key=others.count))
        centre_r2, centre_c2 = 2 * obj.top + obj.height - 1, 2 * obj.left + obj.width - 1
        rows, cols = np.nonzero(obj.mask)
        rows, cols = rows + obj.top, cols + obj.left
        for r, c, color in cells:
            if color != int(marker):
                continue
            d_row, d_col = int(np.sign(2 * r - centre_r2)), int(np.sign(2 * c - centre_c2))
            if d_row == 0 and d_col == 0:
                continue
            for k in range(max(h, w) + 1):
                tick()
                rr, cc = rows + k * d_row, cols + k * d_col
                keep = (rr >= 0) & (rr < h) & (cc >= 0) & (cc < w)
                if not keep.any():
                    break
                out[rr[keep], cc[keep]] = paint
    return out


@primitive
def draw_spiral(grid: Grid, color: Color) -> Grid:
    """Paint a square spiral of a colour winding clockwise inward from the top-left corner, with one cell between its rounds."""
    paint = _color(color)
    h, w = grid.shape
    painted = np.zeros((h, w), dtype=bool)
    out = grid.copy()

    def free(r: int, c: int) -> bool:
        return 0 <= r < h and 0 <= c < w and not painted[r, c]

    def clear(r: int, c: int) -> bool:
        return not (0 <= r < h and 0 <= c < w) or not painted[r, c]

    r, c, heading = 0, 0, 2
    painted[0, 0] = True
    while True:
        tick()
        moved = False
        for turn in (0, 2):
            d_row, d_col = DIRECTIONS[(heading + turn) % 8]
            if free(r + d_row, c + d_col) and clear(r + 2 * d_row, c + 2 * d_col):
                heading = (heading + turn) % 8
                r, c = r + d_row, c + d_col
                painted[r, c] = True
                moved = True
                break
        if not moved:
            break
    out[painted] = paint
    return out


@primitive
def draw_square_rings(grid: Grid, center: Object, spacing: Int, color: Color) -> Grid:
    """Paint square rings of a colour around an object's centre cell, one every `spacing` cells outward to the grid's edges (background cells only)."""
    step = int(spacing)
    if step < 1:
        raise PrimitiveError("spacing must be positive")
    paint = _color(color)
    centre_r, centre_c = center.top + (center.height - 1) // 2, center.left + (center.width - 1) // 2
    rows, cols = np.indices(grid.shape)
    distance = np.maximum(np.abs(rows - centre_r), np.abs(cols - centre_c))
    out = grid.copy()
    out[(distance % step == 0) & (grid == background_color(grid))] = paint
    return out


def _fit_and_paint(out: np.ndarray, cells: list, patch: np.ndarray, mask: np.ndarray) -> bool:
    """Paint patch/mask where all the given cells land on same-coloured cells of it; whether it fitted."""
    h, w = out.shape
    r0, c0, first_color = cells[0]
    for tr, tc in zip(*np.nonzero(mask & (patch == first_color))):
        tick()
        top, left = r0 - int(tr), c0 - int(tc)
        fits = True
        for r, c, color in cells:
            pr, pc = r - top, c - left
            if not (0 <= pr < mask.shape[0] and 0 <= pc < mask.shape[1]) or not mask[pr, pc] or patch[pr, pc] != color:
                fits = False
                break
        if fits:
            for pr, pc in zip(*np.nonzero(mask)):
                r, c = top + int(pr), left + int(pc)
                if 0 <= r < h and 0 <= c < w:
                    out[r, c] = patch[pr, pc]
            return True
    return False


@primitive
def complete_translated_copies(grid: Grid, templates: Objects, objects: Objects) -> Grid:
    """Complete each object that is part of a same-orientation copy of one of the templates (its cells match the copy's colours) by painting the whole copy."""
    out = grid.copy()
    for obj in objects:
        cells = obj.cells()
        if not cells:
            continue
        for template in templates:
            tick()  # objects x templates can be millions of pairs with no fitting position to tick in
            if _fit_and_paint(out, cells, template.patch, template.mask):
                break
    return out


@primitive
def mirror_object(obj: Object) -> Object:
    """The object mirrored left to right within its bounding box."""
    return Object(obj.top, obj.left, obj.patch[:, ::-1], obj.mask[:, ::-1])



@primitive
def copy_onto_anchors(grid: Grid, templates: Objects) -> Grid:
    """Draw a copy of each template, turned or mirrored and scaled 3, 2 or 1 times (largest first), wherever its cells not of its main colour land exactly on same-coloured cells (or blocks) outside the templates."""
    out = grid.copy()
    h, w = grid.shape
    taken = np.zeros((h, w), dtype=bool)
    for template in templates:
        rows, cols, _ = _object_cells(template, grid.shape)
        taken[rows, cols] = True
    for template in templates:
        tick()  # 3,600 one-cell templates never reach the inner tick: 0.9 s (4.6 s traced) unstoppable
        main = template.color
        for scale in (3, 2, 1):
            for patch, mask in _dihedral_variants(template.patch, template.mask):
                anchor = mask & (patch != main)
                if not anchor.any():
                    continue
                big_patch = np.kron(patch, np.ones((scale, scale), dtype=patch.dtype))
                big_mask = np.kron(mask, np.ones((scale, scale), dtype=bool))
                big_anchor = np.kron(anchor, np.ones((scale, scale), dtype=bool))
                a_rows, a_cols = np.nonzero(big_anchor)
                a_colors = big_patch[a_rows, a_cols]
                for r, c in zip(*np.nonzero((out == a_colors[0]) & ~taken)):
                    tick()
                    rr, cc = a_rows - a_rows[0] + r, a_cols - a_cols[0] + c
                    if rr.min() < 0 or cc.min() < 0 or rr.max() >= h or cc.max() >= w:
                        continue
                    if taken[rr, cc].any() or (out[rr, cc] != a_colors).any():
                        continue
                    top, left = r - int(a_rows[0]), c - int(a_cols[0])
                    m_rows, m_cols = np.nonzero(big_mask)
                    pr, pc = m_rows + top, m_cols + left
                    keep = (pr >= 0) & (pr < h) & (pc >= 0) & (pc < w)
                    out[pr[keep], pc[keep]] = big_patch[m_rows[keep], m_cols[keep]]
                    taken[pr[keep], pc[keep]] = True
    return out


@primitive
def ray_with_detours(grid: Grid, color: Color, direction: Int, side: Int) -> Grid:
    """From each `color` cell, extend a line of its colour in a direction; where a non-background cell blocks it, step one cell towards `side` and go on, to the border."""
    dr, dc = direction_step(direction)
    sr, sc = direction_step(side)
    if dr * sr + dc * sc != 0:
        raise PrimitiveError(f"side {side} is not at right angles to direction {direction}")
    paint = _color(color)
    background = background_color(grid)
    out = grid.copy()
    h, w = grid.shape
    for row, col in zip(*np.nonzero(grid == paint)):
        r, c = int(row), int(col)
        while True:
            tick()
            nr, nc = r + dr, c + dc
            if not (0 <= nr < h and 0 <= nc < w):
                break
            if grid[nr, nc] == background:
                r, c = nr, nc
            else:
                r, c = r + sr, c + sc
                if not (0 <= r < h and 0 <= c < w) or grid[r, c] != background:
                    break
            out[r, c] = paint
    return out


@primitive
def repeat_toward_markers(grid: Grid, template: Object, markers: Objects) -> Grid:
    """Paint copies of the template in each marker's colour, one after another with a one-cell gap, from the template towards the marker and on to the border."""
    out = grid.copy()
    h, w = grid.shape
    rows, cols = np.nonzero(template.mask)
    centre_r, centre_c = 2 * template.top + template.height - 1, 2 * template.left + template.width - 1
    for marker in markers:
        if marker == template:
            continue
        dr = int(np.sign(2 * marker.top + marker.height - 1 - centre_r))
        dc = int(np.sign(2 * marker.left + marker.width - 1 - centre_c))
        if dr == 0 and dc == 0:
            continue
        paint = np.uint8(marker.color)
        step = 1
        while True:
            tick()
            top = template.top + dr * step * (template.height + 1)
            left = template.left + dc * step * (template.width + 1)
            r, c = rows + top, cols + left
            keep = (r >= 0) & (r < h) & (c >= 0) & (c < w)
            if not keep.any():
                break
            out[r[keep], c[keep]] = paint
            step += 1
    return out


@primitive
def connect_dotted(grid: Grid, color: Color) -> Grid:
    """Join each two nearest non-background cells of a row or of a column by a dotted line of a colour over the background: every second cell, counted from each end."""
    paint = _color(color)
    background = background_color(grid)
    out = grid.copy()
    for lines, view in ((grid, out), (grid.T, out.T)):
        for index in range(lines.shape[0]):
            tick()
            line = lines[index]
            cells = np.nonzero(line != background)[0]
            for start, end in zip(cells[:-1], cells[1:]):
                for k in range(int(start) + 2, int(end) - 1):
                    if min(k - start, end - k) % 2 == 0 and line[k] == background:
                        view[index, k] = paint
    return out


@primitive
def repeat_through_marker(grid: Grid, template: Object, marker: Object) -> Grid:
    """Paint copies of the template in the marker's colour, stepping from the template towards the marker: the first copy is the nearest one that covers the marker without overlapping the template, the next ones follow at the same step to the border."""
    rows, cols = np.nonzero(template.mask)
    rows, cols = rows + template.top, cols + template.left
    dr = int(np.sign(2 * marker.top + marker.height - 2 * template.top - template.height))
    dc = int(np.sign(2 * marker.left + marker.width - 2 * template.left - template.width))
    if dr == 0 and dc == 0:
        raise PrimitiveError("the marker is at the template's centre")
    own = set(zip(rows.tolist(), cols.tolist()))
    m_rows, m_cols = np.nonzero(marker.mask)
    target = (int(m_rows[0]) + marker.top, int(m_cols[0]) + marker.left)
    h, w = grid.shape
    step = 0
    for k in range(1, 2 * max(h, w) + 1):
        tick()
        moved = set(zip((rows + k * dr).tolist(), (cols + k * dc).tolist()))
        if target in moved and not moved & own:
            step = k
            break
    if step == 0:
        raise PrimitiveError("no copy of the template covers the marker")
    out = grid.copy()
    paint = _color(marker.color)
    k = step
    while True:
        tick()
        r, c = rows + k * dr, cols + k * dc
        keep = (r >= 0) & (r < h) & (c >= 0) & (c < w)
        if not keep.any():
            break
        out[r[keep], c[keep]] = paint
        k += step
    return out


@primitive
def rays_to_color(grid: Grid, color: Color, target: Color) -> Grid:
    """From each `color` cell, draw a line of its colour up, right, down and left over background to the nearest `target` cell, painting that cell too (directions that meet the border or another colour get no line)."""
    paint = _color(color)
    goal = _color(target)
    background = background_color(grid)
    out = grid.copy()
    h, w = grid.shape
    for row, col in zip(*np.nonzero(grid == paint)):
        for step_r, step_c in ((-1, 0), (0, 1), (1, 0), (0, -1)):
            r, c = int(row) + step_r, int(col) + step_c
            while 0 <= r < h and 0 <= c < w and grid[r, c] == background:
                tick()
                r, c = r + step_r, c + step_c
            if 0 <= r < h and 0 <= c < w and grid[r, c] == goal:
                end_r, end_c = r, c
                r, c = int(row) + step_r, int(col) + step_c
                while (r, c) != (end_r + step_r, end_c + step_c):
                    out[r, c] = paint
                    r, c = r + step_r, c + step_c
    return out


@primitive
def stack_centered(objects: Objects, background: Color) -> Grid:
    """Lay the objects' shapes over one another, centred, on a canvas of a colour as tall and wide as the largest (later objects go on top)."""
    if not objects:
        raise PrimitiveError("no objects to stack")
    height = max(obj.height for obj in objects)
    width = max(obj.width for obj in objects)
    check_grid_shape(height, width)
    out = np.full((height, width), _color(background), dtype=np.uint8)
    for obj in objects:
        tick()
        top, left = (height - obj.height) // 2, (width - obj.width) // 2
        window = out[top : top + obj.height, left : left + obj.width]
        window[obj.mask] = obj.patch[obj.mask]
    return out


@primitive
def corner_rays(grid: Grid, objects: Objects, color: Color) -> Grid:
    """From the four corners of each object's bounding box, extend a diagonal line of a colour outward over background until the border or a non-background cell."""
    background = background_color(grid)
    paint = _color(color)
    out = grid.copy()
    h, w = grid.shape
    for obj in objects:
        bottom, right = obj.top + obj.height - 1, obj.left + obj.width - 1
        for row, col, step_r, step_c in ((obj.top, obj.left, -1, -1), (obj.top, right, -1, 1), (bottom, obj.left, 1, -1), (bottom, right, 1, 1)):
            r, c = row + step_r, col + step_c
            while 0 <= r < h and 0 <= c < w and grid[r, c] == background:
                tick()
                out[r, c] = paint
                r, c = r + step_r, c + step_c
    return out
