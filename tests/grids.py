"""Small helpers the DSL tests share: grids from digit strings, primitives by name, grid equality."""

import numpy as np

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.dsl.objects import components
from arc_kernel.dsl.types import as_grid


def G(*rows: str) -> np.ndarray:
    """A grid from strings of digits ('.' is 0)."""
    return as_grid(np.array([[0 if ch == "." else int(ch) for ch in row] for row in rows], dtype=np.uint8))


def P(name: str):
    """The Python function behind a primitive."""
    return PRIMITIVES[name].function


def objs(grid: np.ndarray):
    """Single-colour 8-connected objects of the non-zero cells."""
    return components(grid, grid != 0, 8, True)


def same(a, b) -> bool:
    """Same shape and same cells."""
    return a.shape == b.shape and (np.asarray(a) == np.asarray(b)).all()
