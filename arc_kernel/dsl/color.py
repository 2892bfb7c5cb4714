"""Colour: most/least common colours, palettes, recolouring, swaps and colour maps."""

from __future__ import annotations

import numpy as np

from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Color, ColorMap, Grid


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
