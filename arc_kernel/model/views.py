"""Views: decode a task turned or mirrored, then map the programs back to the task as given.

A program P that solves the task seen through a symmetry g of the square (every demo input and output and every
test input transformed by g) solves the task itself as `O = g⁻¹(P(g(I)))`. The decoder reads each view as a new
task, so its beams explore different programs; the mapped programs are checked on the task as given like any
other proposal. The eight views are the symmetries of the square (test-time augmentation, as in the ARC Prize
2024 write-ups), identity first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

import arc_kernel.dsl  # noqa: F401  (registers the primitives)
from arc_kernel.dsl.registry import PRIMITIVES
from arc_kernel.language.syntax import Call, Expression, Line, Program, Var, parse, print_program


@dataclass(frozen=True)
class View:
    """A symmetry of the square as the DSL primitive applying it (`forward`) and the one undoing it (`inverse`)."""

    forward: str | None  # None: the task as given
    inverse: str | None

    def grid(self, grid: np.ndarray) -> np.ndarray:
        """The grid seen through this view."""
        if self.forward is None:
            return grid
        return np.ascontiguousarray(PRIMITIVES[self.forward].function(grid))


VIEWS: tuple[View, ...] = (
    View(None, None),
    View("transpose", "transpose"),
    View("flip_vertical", "flip_vertical"),
    View("flip_horizontal", "flip_horizontal"),
    View("rotate_180", "rotate_180"),
    View("rotate_90", "rotate_270"),
    View("rotate_270", "rotate_90"),
    View("flip_antidiagonal", "flip_antidiagonal"),
)


def view_task(pairs: Sequence, tests: Sequence[np.ndarray], view: View) -> tuple[tuple, tuple]:
    """(demo pairs, test inputs) seen through `view` (every grid of the task transformed; see `grid_task`)."""
    if view.forward is None:
        return tuple(pairs), tuple(tests)
    return (tuple((view.grid(i), view.grid(o)) for i, o in pairs), tuple(view.grid(t) for t in tests))


def grid_task(pairs: Sequence) -> bool:
    """Whether every demo input and output is a 2-D grid (only such tasks have views other than the identity)."""
    return all(isinstance(g, np.ndarray) and g.ndim == 2 for pair in pairs for g in pair)


def map_back(text: str, view: View) -> str:
    """The program for the task as given from a program written for the task seen through `view`: its input is
    `view.forward(I)` and its output goes through `view.inverse` (two new lines, no deeper nesting)."""
    if view.forward is None:
        return text
    program = parse(text)
    last = max((int(line.target[1:]) for line in program.lines if line.target != "O"), default=0)
    viewed_output = f"x{last + 2}"

    def shifted(name: str) -> str:  # x1 becomes the viewed input, so every variable moves up by one
        return "x1" if name == "I" else viewed_output if name == "O" else f"x{int(name[1:]) + 1}"

    def rename(expression: Expression) -> Expression:
        if isinstance(expression, Var):
            return Var(shifted(expression.name))
        if isinstance(expression, Call):
            return Call(expression.name, tuple(rename(a) for a in expression.args))
        return expression

    lines = [Line("x1", Call(view.forward, (Var("I"),)))]
    lines += [Line(shifted(line.target), rename(line.expression)) for line in program.lines]
    lines.append(Line("O", Call(view.inverse, (Var(viewed_output),))))
    return print_program(Program(tuple(lines)))
