"""The primitive table: every primitive is typed, documented, tested and named in plain words."""

import re
from pathlib import Path

import pytest

from arc_kernel.dsl import PRIMITIVES, primitive
from arc_kernel.dsl.types import BASE_TYPES, Grid

TESTS = Path(__file__).parent


def test_every_primitive_has_a_one_line_doc_and_known_types():
    for prim in PRIMITIVES.values():
        assert prim.doc and not prim.doc[0].islower() and prim.doc.endswith("."), prim.name
        for type_name in prim.params + (prim.result,):
            parts = re.split(r"->|,", type_name)
            assert all(part in BASE_TYPES for part in parts), (prim.name, type_name)
        assert "->" not in prim.result, f"{prim.name} returns a function"


def test_every_primitive_is_used_in_a_dsl_test():
    text = "\n".join(path.read_text() for path in TESTS.glob("test_dsl_*.py"))
    untested = [name for name in PRIMITIVES if not re.search(rf"\b{name}\b", text)]
    assert not untested, f"primitives without a unit test: {untested}"


def test_a_name_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="registered twice"):

        @primitive
        def rotate_90(grid: Grid) -> Grid:
            """Shadow an existing primitive."""
            return grid


def test_annotations_are_required():
    with pytest.raises(ValueError, match="annotation"):

        @primitive
        def unannotated_primitive(grid):
            """No types."""
            return grid


def test_the_primitive_listing_shows_name_type_and_description():
    from arc_kernel.library import list_primitives

    (row,) = [r for r in list_primitives(group="geometry") if r.split()[1] == "rotate_90"]
    assert "Grid->Grid" in row and "geometry" in row
    assert all("ray" in r.lower() for r in list_primitives(match="ray"))
    assert list_primitives(match="no such primitive anywhere") == []
