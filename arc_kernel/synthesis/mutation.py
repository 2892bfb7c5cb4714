"""Mutations of solver-library programs, as CodeIt seeds its data: small edits of programs that work.

A program is flattened (one call per line), edited once — replace an argument, swap a primitive for
another of the same type, replace a line by a fresh expression of its type, or insert a line that
transforms a grid on its way — and brought back to canonical form. A mutant is kept when it runs on
the task's inputs, makes a non-trivial task and changes at least one output.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from arc_kernel.dsl.types import is_assignable
from arc_kernel.language.syntax import Call, Const, Expression, Program, Ref, Var
from arc_kernel.language.typecheck import expression_type
from arc_kernel.synthesis.canonical import FlatLine, canonical, flat_program, flatten
from arc_kernel.synthesis.relabel import Outcome, execute, same_grid
from arc_kernel.synthesis.sampler import Builder, ProgramSampler

MUTATIONS = ("replace_argument", "swap_primitive", "replace_line", "insert_line")


def flat_types(lines: list[FlatLine]) -> dict[str, str]:
    """The type of every variable of flat lines (the input `I` included)."""
    types = {"I": "Grid"}
    for name, call in lines:
        types[name] = expression_type(call, types)
    return types


def _param_types(call: Call) -> tuple[str, ...]:
    from arc_kernel.dsl import PRIMITIVES

    return PRIMITIVES[call.name].params


def _with_arg(call: Call, position: int, argument: Expression) -> Call:
    return Call(call.name, call.args[:position] + (argument,) + call.args[position + 1:])


def _substitute(lines: list[FlatLine], old: str, new: Expression) -> list[FlatLine]:
    return [(n, Call(c.name, tuple(new if isinstance(a, Var) and a.name == old else a for a in c.args))) for n, c in lines]


def replace_argument(lines: list[FlatLine], sampler: ProgramSampler, rng: random.Random, palette: tuple[int, ...]) -> list[FlatLine] | None:
    """One argument becomes another constant, earlier variable or function of the same type."""
    index = rng.randrange(len(lines))
    name, call = lines[index]
    if not call.args:
        return None
    position = rng.randrange(len(call.args))
    argument, param = call.args[position], _param_types(call)[position]
    types = flat_types(lines[:index])
    if isinstance(argument, Const):
        new: Expression = Const(sampler.constant(param if param in ("Color", "Int", "Bool", "ColorMap") else "Int", rng, palette))
    elif isinstance(argument, Ref):
        choices = [n for n in sampler.table.references.get(param, []) if n != argument.name]
        if not choices:
            return None
        new = Ref(rng.choice(choices))
    else:
        choices = [v for v, t in types.items() if is_assignable(t, param) and v != argument.name]
        if not choices:
            return None
        new = Var(rng.choice(choices))
    if new == argument:
        return None
    return lines[:index] + [(name, _with_arg(call, position, new))] + lines[index + 1:]


def swap_primitive(lines: list[FlatLine], sampler: ProgramSampler, rng: random.Random, palette: tuple[int, ...]) -> list[FlatLine] | None:
    """One call's primitive becomes another with the same parameter and result types."""
    index = rng.randrange(len(lines))
    name, call = lines[index]
    own = sampler.table.signatures[call.name]
    choices = [s.name for s in sampler.table.signatures.values() if s.params == own.params and s.result == own.result and s.name != own.name]
    if not choices:
        return None
    return lines[:index] + [(name, Call(rng.choice(choices), call.args))] + lines[index + 1:]


def replace_line(lines: list[FlatLine], sampler: ProgramSampler, rng: random.Random, palette: tuple[int, ...]) -> list[FlatLine] | None:
    """One line's value is computed afresh: a random expression of its type over the earlier values."""
    index = rng.randrange(len(lines))
    name = lines[index][0]
    types = flat_types(lines)
    budgets = [k for k in (1, 2, 3) if k in sampler.table.feasible.get(types[name], ())]
    if not budgets:
        return None
    later = frozenset(n for n, _ in lines[index:])
    builder = Builder(lines[:index], types)
    expression = sampler.expression(builder, types[name], rng.choice(budgets), rng, palette, avoid=later)
    return builder.lines + _substitute(lines[index + 1:], name, expression)


def insert_line(lines: list[FlatLine], sampler: ProgramSampler, rng: random.Random, palette: tuple[int, ...]) -> list[FlatLine] | None:
    """A grid on its way into a call first goes through one more Grid -> Grid step."""
    types = flat_types(lines)
    spots = [(i, j) for i, (_, c) in enumerate(lines) for j, a in enumerate(c.args) if isinstance(a, Var) and types[a.name] == "Grid"]
    if not spots:
        return None
    index, position = rng.choice(spots)
    name, call = lines[index]
    grid_in = call.args[position]
    steps = [
        s for s in sampler.table.signatures.values()
        if s.result == "Grid" and s.params and s.params[0] == "Grid"
        and all(0 in sampler.table.feasible.get(p, ()) for p in s.params[1:])
    ]
    if not steps:
        return None
    step = rng.choices(steps, [sampler.weights[s.name] for s in steps])[0]
    builder = Builder(lines[:index], types)
    later = frozenset(n for n, _ in lines[index:])
    args = [grid_in] + [sampler.leaf(builder, p, rng, palette, later) for p in step.params[1:]]
    new = builder.emit(Call(step.name, tuple(args)), "Grid")
    return builder.lines + [(name, _with_arg(call, position, new))] + lines[index + 1:]


EDITS: dict[str, Callable[..., list[FlatLine] | None]] = {
    "replace_argument": replace_argument,
    "swap_primitive": swap_primitive,
    "replace_line": replace_line,
    "insert_line": insert_line,
}


@dataclass(frozen=True)
class Mutant:
    program: Program  # canonical
    outcome: Outcome
    edit: str


def mutate(program: Program, sampler: ProgramSampler, rng: random.Random, palette: tuple[int, ...] = (), edit: str | None = None) -> tuple[Program, str] | None:
    """One random edit of `program`, in canonical form, with the edit's name; None if the edit does not apply."""
    edit = edit or rng.choice(MUTATIONS)
    edited = EDITS[edit](flatten(program), sampler, rng, palette)
    if edited is None:
        return None
    try:
        return canonical(flat_program(edited)), edit
    except ValueError:
        return None


def try_mutant(
    program: Program, original: Sequence[np.ndarray], inputs: Sequence[np.ndarray], sampler: ProgramSampler, rng: random.Random,
) -> Mutant | str:
    """One mutant of `program` judged on `inputs` (where `program` gave `original`): the Mutant, or why it was dropped."""
    palette = tuple(sorted({int(c) for g in inputs for c in np.unique(g)}))
    found = mutate(program, sampler, rng, palette)
    if found is None:
        return "edit_not_applicable"
    mutant, edit = found
    outcome = execute(mutant, inputs)
    if not outcome.ok:
        return outcome.reason
    if all(same_grid(a, b) for a, b in zip(original, outcome.outputs)):
        return "unchanged"
    return Mutant(mutant, outcome, edit)
