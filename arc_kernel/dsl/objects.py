"""Objects and segmentation: connected components, per-colour partitions, grid cells between lines.

The background is the grid's most common colour unless a primitive says otherwise. Objects come in
a fixed order (top-to-bottom, then left-to-right by their top-left corner), never set order.
"""

from __future__ import annotations

import numpy as np
from scipy import ndimage

from arc_kernel.dsl.limits import check_count
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Grid, Object, Objects

_FOUR = ndimage.generate_binary_structure(2, 1)
_EIGHT = ndimage.generate_binary_structure(2, 2)


def background_color(grid: np.ndarray) -> int:
    """The grid's most common colour (ties go to the smallest)."""
    return int(np.argmax(np.bincount(grid.ravel(), minlength=10)))


def object_from_mask(grid: np.ndarray, mask: np.ndarray) -> Object:
    """The object made of the cells of `grid` under `mask`, cropped to their bounding box."""
    rows, cols = np.nonzero(mask)
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    return Object(top, left, grid[top:bottom, left:right], mask[top:bottom, left:right])


def sort_objects(objects: list[Object]) -> Objects:
    """Objects in reading order of their top-left corners, then by size and content for ties."""
    return tuple(sorted(objects, key=lambda o: (o.top, o.left, o.height, o.width, o.key())))


def components(grid: np.ndarray, foreground: np.ndarray, connectivity: int, single_color: bool) -> Objects:
    """Connected components of the cells where `foreground` is true."""
    structure = _FOUR if connectivity == 4 else _EIGHT
    found: list[Object] = []
    layers = [foreground & (grid == c) for c in np.unique(grid[foreground])] if single_color else [foreground]
    for layer in layers:
        labels, count = ndimage.label(layer, structure=structure)
        check_count(len(found) + count)
        for index, region in enumerate(ndimage.find_objects(labels), start=1):
            mask = np.zeros_like(layer)
            mask[region] = labels[region] == index
            found.append(object_from_mask(grid, mask))
    return sort_objects(found)


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
