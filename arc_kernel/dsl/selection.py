"""Selection: pick objects by size, colour, shape, position or uniqueness; filter and arg-max."""

from __future__ import annotations

from typing import Callable

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.registry import primitive
from arc_kernel.dsl.types import Int, Object, Objects


def _nonempty(objects: Objects) -> Objects:
    if not objects:
        raise PrimitiveError("no objects to select from")
    return objects


@primitive
def largest(objects: Objects) -> Object:
    """The object with the most cells (the first in reading order on ties)."""
    return max(_nonempty(objects), key=lambda o: o.size)


@primitive
def smallest(objects: Objects) -> Object:
    """The object with the fewest cells (the first in reading order on ties)."""
    return min(_nonempty(objects), key=lambda o: o.size)


@primitive
def argmax_by(objects: Objects, measure: Callable[[Object], Int]) -> Object:
    """The object for which a measure is largest (the first in reading order on ties)."""
    return max(_nonempty(objects), key=measure)
