"""Whole-grid geometry: rotations, mirrors, transpose, crop, scale, tile, concatenate, split."""

from __future__ import annotations

import numpy as np

from arc_kernel.dsl.limits import check_grid_shape
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Grid


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
