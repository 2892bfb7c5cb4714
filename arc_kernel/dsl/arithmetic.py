"""Counting and arithmetic on small integers: sizes, counts, sums and comparisons."""

from __future__ import annotations

from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Int, Object, Objects


@primitive
def size(obj: Object) -> Int:
    """Number of cells in an object."""
    return Int(obj.size)


@primitive
def count_objects(objects: Objects) -> Int:
    """How many objects there are."""
    return Int(len(objects))
