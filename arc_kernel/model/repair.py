"""Repair: a decoded program that misses its demos is retried with other constants and sibling primitives.

The decoder often writes nearly the right program: a wrong colour or number (`recolor_every_other(I, x1, 0)`
where the task needs 8), or a sibling primitive (`objects_4` where the task needs `multicolor_objects_4`).
Each literal is tried with the task's alternatives of its type (search/constants.py: the task's colours, small
and size-derived integers, colour maps read off the demos), each call with the primitives of the same type
(the likeliest first when a preference such as the guide's is given); one change at a time first, then two.
The first variant that reproduces every demo pair replaces the program. Separately, `recolored` finishes a
program whose outputs have the demo outputs' shapes and differ from them by one consistent recolouring with that
recolouring as its last call (`O = apply_color_map(…, {…})`).
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.dsl.errors import DSLError
from arc_kernel.dsl.types import ColorMap
from arc_kernel.interpreter import Limits, run
from arc_kernel.language.syntax import MAX_LITERAL, Call, Const, Expression, Line, Program
from arc_kernel.search.constants import Proposals, infer_color_map, propose_constants

SMALL_INTS = tuple(range(-3, 10))  # integers tried after the task's own proposals
SIBLINGS = 8  # primitives tried in place of each call


@dataclass(frozen=True)
class Slot:
    """One changeable part of a program: a literal argument (its parameter type and value) or a call (its
    primitive's type, e.g. 'Grid->Objects', and name), found by line and argument path."""

    line: int
    path: tuple[int, ...]
    type: str
    value: object
    call: bool = False


def program_slots(program: Program, calls: bool = True) -> list[Slot]:
    """Every literal argument of `program` (with the parameter type it fills), then, with `calls`, every call."""
    literals: list[Slot] = []
    called: list[Slot] = []

    def visit(expression: Expression, line: int, path: tuple[int, ...]) -> None:
        if not isinstance(expression, Call):
            return
        primitive = PRIMITIVES[expression.name]
        called.append(Slot(line, path, primitive.type, expression.name, call=True))
        for index, (argument, type_name) in enumerate(zip(expression.args, primitive.params)):
            if isinstance(argument, Const):
                literals.append(Slot(line, path + (index,), type_name, argument.value))
            else:
                visit(argument, line, path + (index,))

    for number, line in enumerate(program.lines):
        visit(line.expression, number, ())
    return literals + (called if calls else [])


def literal_slots(program: Program) -> list[Slot]:
    """Every literal argument of every call in `program`, with the parameter type it fills."""
    return program_slots(program, calls=False)


def siblings(name: str, preference: dict[str, float] | None = None, limit: int = SIBLINGS) -> list[str]:
    """Other primitives of the same type as `name`, the most preferred first (registry order without one)."""
    kind = PRIMITIVES[name].type
    names = [other for other, p in PRIMITIVES.items() if p.type == kind and other != name]
    if preference:
        names.sort(key=lambda other: -preference.get(other, 0.0))
    return names[:limit]


def alternatives(slot: Slot, proposals: Proposals, preference: dict[str, float] | None = None) -> list[object]:
    """Values (or, for a call, primitive names) worth trying in the slot instead of its own, likeliest first."""
    if slot.call:
        return list(siblings(str(slot.value), preference))
    if slot.type == "Color":
        values: list[object] = list(proposals.colors)
    elif slot.type == "Int":
        values = [i for i in (*proposals.ints, *SMALL_INTS) if abs(i) <= MAX_LITERAL]
    elif slot.type == "Bool":
        values = [not slot.value]
    elif slot.type == "ColorMap":
        values = [*proposals.color_maps, *proposals.pair_maps]
        if isinstance(slot.value, ColorMap):  # the same keys, one target changed
            for key, target in slot.value.pairs:
                values.extend(ColorMap({**dict(slot.value.pairs), key: colour})
                              for colour in proposals.colors if colour not in (key, target))
    else:
        values = []
    return list(dict.fromkeys(v for v in values if v != slot.value))


def _replace(expression: Expression, slot: Slot, path: tuple[int, ...], value: object) -> Expression:
    if not path:
        if slot.call:
            assert isinstance(expression, Call)
            return Call(str(value), expression.args)
        return Const(value)
    assert isinstance(expression, Call)
    args = list(expression.args)
    args[path[0]] = _replace(args[path[0]], slot, path[1:], value)
    return Call(expression.name, tuple(args))


def with_values(program: Program, changes: dict[Slot, object]) -> Program:
    """`program` with each slot's literal (or primitive) replaced by the given value (or name)."""
    lines = list(program.lines)
    for slot, value in changes.items():
        line = lines[slot.line]
        lines[slot.line] = Line(line.target, _replace(line.expression, slot, slot.path, value))
    return Program(tuple(lines))


def variants(program: Program, proposals: Proposals, limit: int, preference: dict[str, float] | None = None,
             calls: bool = True) -> Iterator[Program]:
    """Up to `limit` programs differing from `program` in its literals (and calls): every single change, then pairs."""
    slots = program_slots(program, calls)
    options = [alternatives(slot, proposals, preference) for slot in slots]
    count = 0
    for slot, values in zip(slots, options):
        for value in values:
            if count >= limit:
                return
            count += 1
            yield with_values(program, {slot: value})
    for (first, values_a), (second, values_b) in itertools.combinations(zip(slots, options), 2):
        for value_a, value_b in itertools.product(values_a, values_b):
            if count >= limit:
                return
            count += 1
            yield with_values(program, {first: value_a, second: value_b})


def reproduces(program: Program, pairs, limits: Limits, deadline: float | None = None) -> bool:
    """Whether `program` turns every demo input into its output (stops at the first miss, or at `deadline`)."""
    for grid_in, grid_out in pairs:
        if deadline is not None and time.monotonic() >= deadline:
            return False
        try:
            output = run(program, grid_in, limits)
        except DSLError:
            return False
        if output.shape != grid_out.shape or not np.array_equal(output, grid_out):
            return False
    return True


def recolored(program: Program, pairs, limits: Limits, deadline: float | None = None,
              known: Sequence[np.ndarray | None] = ()) -> Program | None:
    """`program` with its result recoloured by the one colour map that turns each of its demo outputs into the
    expected output (`O = apply_color_map(…, {…})`), or None when it fails, misses a shape or no map fits.
    `known`: its outputs on the first demos, already computed (None: it failed there), the last of them wrong."""
    if known:
        expected = [grid_out for _, grid_out in pairs[:len(known)]]
        if any(v is None for v in known) or infer_color_map(list(known), expected) is None:
            return None  # no map fits the demos seen: no need to run the rest
    values = list(known)
    for grid_in, grid_out in pairs[len(values):]:
        if deadline is not None and time.monotonic() >= deadline:
            return None
        try:
            values.append(run(program, grid_in, limits))
        except DSLError:
            return None
        if values[-1].shape != grid_out.shape:
            return None
    mapping = infer_color_map(values, [grid_out for _, grid_out in pairs])
    if mapping is None:
        return None
    *lines, last = program.lines
    return Program((*lines, Line(last.target, Call("apply_color_map", (last.expression, Const(mapping))))))


def task_constants(pairs, tests) -> Proposals:
    """The constants search would try for this task (search/constants.py)."""
    return propose_constants([i for i, _ in pairs], [o for _, o in pairs], list(tests))


def repair(program: Program, pairs, proposals: Proposals, limit: int, limits: Limits,
           deadline: float | None = None, preference: dict[str, float] | None = None,
           calls: bool = True) -> Program | None:
    """The first of `program`'s variants that reproduces every demo pair, or None (within `limit` tries)."""
    if limit <= 0:
        return None
    for variant in variants(program, proposals, limit, preference, calls):
        if deadline is not None and time.monotonic() >= deadline:
            return None
        if reproduces(variant, pairs, limits, deadline):
            return variant
    return None


__all__ = ["Slot", "alternatives", "literal_slots", "program_slots", "recolored", "siblings", "repair", "reproduces", "task_constants", "variants", "with_values"]
