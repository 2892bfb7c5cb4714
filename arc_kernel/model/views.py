"""Views: decode a task turned, mirrored or recoloured, then map the programs back to the task as given.

A program P that solves the task seen through a symmetry g of the square (every demo input and output and every
test input transformed by g) solves the task itself as `O = g⁻¹(P(g(I)))`; likewise through a permutation σ of
the colours 1–9 (0, the usual background, stays), as `O = apply_color_map(P(apply_color_map(I, σ)), σ⁻¹)`. The
decoder reads each view as a new task, so its beams explore different programs; the mapped programs are checked
on the task as given like any other proposal (test-time augmentation, as in the ARC Prize 2024 write-ups).
`VIEWS` holds the eight symmetries of the square, identity first, then `COLOUR_VIEWS` recolourings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

import arc_kernel.dsl  # noqa: F401  (registers the primitives)
from arc_kernel.dsl.registry import PRIMITIVES
from arc_kernel.dsl.types import ColorMap
from arc_kernel.language.syntax import Call, Const, Expression, Line, Program, Var, parse, print_program


@dataclass(frozen=True)
class View:
    """A symmetry of the square as the DSL primitive applying it (`forward`) and the one undoing it (`inverse`),
    then optionally a permutation of the colours (`colours[c]` is how colour c is seen; 0 stays 0)."""

    forward: str | None  # None: not turned
    inverse: str | None
    colours: tuple[int, ...] | None = None  # None: not recoloured

    @property
    def identity(self) -> bool:
        return self.forward is None and self.colours is None

    def grid(self, grid: np.ndarray) -> np.ndarray:
        """The grid seen through this view."""
        if self.forward is not None:
            grid = np.ascontiguousarray(PRIMITIVES[self.forward].function(grid))
        if self.colours is not None:
            grid = np.asarray(self.colours, dtype=grid.dtype)[grid]
        return grid

    def name(self) -> str:
        """A short label, e.g. `rotate_90` or `rotate_90+colours 0831…`."""
        colours = None if self.colours is None else "colours " + "".join(map(str, self.colours))
        return "+".join(part for part in (self.forward, colours) if part) or "identity"


def colour_permutation(seed: int) -> tuple[int, ...]:
    """A fixed pseudo-random permutation of the colours 1–9 (0 stays), the same for the same seed."""
    rest = list(np.random.default_rng(seed).permutation(np.arange(1, 10)))
    return (0, *(int(c) for c in rest))


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
COLOUR_VIEWS: tuple[View, ...] = tuple(View(None, None, colour_permutation(seed)) for seed in range(8))


def view_task(pairs: Sequence, tests: Sequence[np.ndarray], view: View) -> tuple[tuple, tuple]:
    """(demo pairs, test inputs) seen through `view` (every grid of the task transformed; see `grid_task`)."""
    if view.identity:
        return tuple(pairs), tuple(tests)
    return (tuple((view.grid(i), view.grid(o)) for i, o in pairs), tuple(view.grid(t) for t in tests))


def grid_task(pairs: Sequence) -> bool:
    """Whether every demo input and output is a 2-D grid (only such tasks have views other than the identity)."""
    return all(isinstance(g, np.ndarray) and g.ndim == 2 for pair in pairs for g in pair)


def map_back(text: str, view: View) -> str:
    """The program for the task as given from a program written for the task seen through `view`: its input is
    `view.forward(I)` then recoloured, and its output is recoloured back then goes through `view.inverse` (new
    lines before and after, no deeper nesting)."""
    if view.identity:
        return text
    program = parse(text)
    before: list[Expression] = []  # the calls that make the viewed input, each on the previous line's variable
    after: list[tuple[str, tuple[Expression, ...]]] = []  # (primitive, arguments after the grid) undoing them
    if view.forward is not None:
        before.append(Call(view.forward, (Var("I"),)))
        after.insert(0, (view.inverse, ()))
    if view.colours is not None:
        seen_as = {c: view.colours[c] for c in range(1, 10) if view.colours[c] != c}
        grid = Var(f"x{len(before)}") if before else Var("I")
        before.append(Call("apply_color_map", (grid, Const(ColorMap(seen_as)))))
        after.insert(0, ("apply_color_map", (Const(ColorMap({v: k for k, v in seen_as.items()})),)))
    last = max((int(line.target[1:]) for line in program.lines if line.target != "O"), default=0)
    shift = len(before)
    viewed_output = f"x{last + shift + 1}"

    def shifted(name: str) -> str:  # the viewed input is x{shift}, so every variable moves up by `shift`
        return f"x{shift}" if name == "I" else viewed_output if name == "O" else f"x{int(name[1:]) + shift}"

    def rename(expression: Expression) -> Expression:
        if isinstance(expression, Var):
            return Var(shifted(expression.name))
        if isinstance(expression, Call):
            return Call(expression.name, tuple(rename(a) for a in expression.args))
        return expression

    lines = [Line(f"x{number}", call) for number, call in enumerate(before, start=1)]
    lines += [Line(shifted(line.target), rename(line.expression)) for line in program.lines]
    current = viewed_output
    for number, (name, arguments) in enumerate(after, start=last + shift + 2):
        target = "O" if number == last + shift + 1 + len(after) else f"x{number}"
        lines.append(Line(target, Call(name, (Var(current), *arguments))))
        current = target
    return print_program(Program(tuple(lines)))
