"""The grid DSL: typed primitives grouped by what they do, registered in `PRIMITIVES`.

Importing this package imports every group module, which fills the table.
"""

from arc_kernel.dsl import (  # noqa: F401  (imported for their registrations)
    geometry,
    color,
    objects,
    selection,
    painting,
    patterns,
    arithmetic,
    mapping,
)
from arc_kernel.dsl.registry import PRIMITIVES, Primitive, primitive

__all__ = ["PRIMITIVES", "Primitive", "primitive"]
