"""Per-object mapping: do something to each object, then paint the results back, in one call."""

from __future__ import annotations

from typing import Callable

from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Grid, Object, Objects
from arc_kernel.dsl.painting import paint_object


@primitive
def map_objects(grid: Grid, objects: Objects, transform: Callable[[Object], Object]) -> Grid:
    """Replace each object on the grid by its transformed version (erased to background first)."""
    from arc_kernel.dsl.objects import background_color

    out = grid.copy()
    background = background_color(grid)
    for obj in objects:
        for row, col, _ in obj.cells():
            out[row, col] = background
    for obj in objects:
        out = paint_object(out, transform(obj))
    return out
