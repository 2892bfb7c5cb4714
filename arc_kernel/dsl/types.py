"""The DSL's value types: grids, colours, objects and their containers, colour maps.

Every value a program handles is one of the types named in `TYPE_NAMES`. Grids are read-only numpy
`uint8` arrays; containers are tuples in a deterministic order, so no result depends on set order.
"""

from __future__ import annotations

from typing import Callable, NewType

import numpy as np

Grid = NewType("Grid", np.ndarray)  # 2-D uint8, values 0..9, never mutated once built
Color = NewType("Color", int)  # 0..9
Int = NewType("Int", int)  # a small integer: a size, a count, an offset


class Object:
    """A set of coloured cells at a place: a patch (colours), its mask and its top-left corner."""

    __slots__ = ("top", "left", "patch", "mask", "_key")

    def __init__(self, top: int, left: int, patch: np.ndarray, mask: np.ndarray):
        self.top, self.left = int(top), int(left)
        self.patch = np.where(mask, patch, 0).astype(np.uint8)
        self.mask = mask.astype(bool)
        self.patch.flags.writeable = False
        self.mask.flags.writeable = False
        self._key: bytes | None = None

    @property
    def height(self) -> int:
        return self.patch.shape[0]

    @property
    def width(self) -> int:
        return self.patch.shape[1]

    @property
    def size(self) -> int:
        """Number of cells."""
        return int(self.mask.sum())

    @property
    def colors(self) -> tuple[int, ...]:
        """Colours present, ascending."""
        return tuple(int(c) for c in np.unique(self.patch[self.mask]))

    @property
    def color(self) -> int:
        """Most common colour (ties go to the smallest)."""
        counts = np.bincount(self.patch[self.mask], minlength=10)
        return int(np.argmax(counts))

    def cells(self) -> list[tuple[int, int, int]]:
        """(row, column, colour) of every cell, in row-major order."""
        rows, cols = np.nonzero(self.mask)
        return [(int(r) + self.top, int(c) + self.left, int(self.patch[r, c])) for r, c in zip(rows, cols)]

    def key(self) -> bytes:
        if self._key is None:
            header = np.array([self.top, self.left, *self.patch.shape], dtype=np.int32).tobytes()
            self._key = header + self.patch.tobytes() + np.packbits(self.mask).tobytes()
        return self._key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Object) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        return f"Object(top={self.top}, left={self.left}, {self.height}x{self.width}, size={self.size})"


class ColorMap:
    """A mapping from colours to colours; colours not in it stay as they are."""

    __slots__ = ("pairs", "_table")

    def __init__(self, pairs: dict[int, int] | tuple[tuple[int, int], ...]):
        items = dict(pairs).items() if isinstance(pairs, dict) else pairs
        self.pairs = tuple(sorted((int(a), int(b)) for a, b in items))
        table = np.arange(256, dtype=np.uint8)
        for a, b in self.pairs:
            table[a] = b
        self._table = table

    def apply(self, grid: np.ndarray) -> np.ndarray:
        return self._table[grid]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ColorMap) and self.pairs == other.pairs

    def __hash__(self) -> int:
        return hash(self.pairs)

    def __repr__(self) -> str:
        return "{" + ",".join(f"{a}:{b}" for a, b in self.pairs) + "}"


Objects = tuple[Object, ...]
Grids = tuple[Grid, ...]
Colors = tuple[Color, ...]
Ints = tuple[Int, ...]

# Python annotation -> the language's type name. Function types are written "A->B" or "A,B->C".
TYPE_NAMES: dict[object, str] = {
    Grid: "Grid",
    np.ndarray: "Grid",
    Color: "Color",
    Int: "Int",
    int: "Int",
    bool: "Bool",
    Object: "Object",
    Objects: "Objects",
    Grids: "Grids",
    Colors: "Colors",
    Ints: "Ints",
    ColorMap: "ColorMap",
}

BASE_TYPES = frozenset(TYPE_NAMES.values())


def type_name(annotation: object) -> str:
    """The language's name for a Python annotation (including Callable[[A], B] → 'A->B')."""
    if annotation in TYPE_NAMES:
        return TYPE_NAMES[annotation]
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and getattr(origin, "__name__", "") == "Callable":
        params, result = annotation.__args__[:-1], annotation.__args__[-1]
        return ",".join(type_name(p) for p in params) + "->" + type_name(result)
    raise TypeError(f"no DSL type for annotation {annotation!r}")


def is_function_type(name: str) -> bool:
    return "->" in name


def is_assignable(actual: str, expected: str) -> bool:
    """Whether a value of type `actual` may be passed where `expected` is wanted (Color ⊂ Int)."""
    return actual == expected or (actual == "Color" and expected == "Int")


def background_color(grid: np.ndarray) -> int:
    """The grid's most common colour (ties go to the smallest): the background unless a primitive is told otherwise."""
    return int(np.argmax(np.bincount(grid.ravel(), minlength=10)))


def as_grid(array: np.ndarray) -> Grid:
    """Freeze an array as a DSL grid (uint8, read-only)."""
    grid = np.ascontiguousarray(array, dtype=np.uint8)
    grid.flags.writeable = False
    return Grid(grid)


def value_key(value: object) -> object:
    """A hashable fingerprint of a value: equal values give equal keys (grids by shape and bytes)."""
    if isinstance(value, np.ndarray):
        return ("G", value.shape, value.tobytes())
    if isinstance(value, Object):
        return ("o", value.key())
    if isinstance(value, tuple):
        return ("t",) + tuple(value_key(v) for v in value)
    if isinstance(value, (bool, np.bool_)):
        return ("b", bool(value))
    if isinstance(value, (int, np.integer)):
        return ("i", int(value))
    if isinstance(value, ColorMap):
        return ("m", value.pairs)
    if callable(value):
        return ("f", getattr(value, "__name__", repr(value)))
    raise TypeError(f"not a DSL value: {type(value).__name__}")


FunctionValue = Callable[..., object]
