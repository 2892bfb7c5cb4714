"""Painting: put objects on grids, fill, underfill, lines and rays, boxes, flood fill, gravity."""

from __future__ import annotations

import numpy as np

from arc_kernel.dsl.limits import check_grid_shape
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Grid, Object


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
