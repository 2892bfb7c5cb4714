"""Random typed programs: well-typed by construction from the primitive registry, weighted by a prior.

A program of depth n is grown top-down from the goal type `Grid`: pick a primitive whose result fits
and whose parameters can together absorb the remaining n-1 calls (a table of which types can be
built with exactly k calls tells), split the calls among the parameters, recurse. Leaves are the
input `I`, constants (colours drawn mostly from the colours of the task's inputs) and bare primitive
names for function parameters. A leaf may instead reuse a value computed earlier in the same program,
so programs are graphs, not only trees. Every computed value is used: there are no dead lines.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from arc_kernel.dsl.types import ColorMap, is_assignable, is_function_type
from arc_kernel.language.syntax import Call, Const, Expression, Program, Ref, Var
from arc_kernel.synthesis.canonical import FlatLine

MAX_BUDGET = 16  # the most calls one sampled expression may hold
CONSTANT_TYPES = ("Color", "Int", "Bool", "ColorMap")
INT_CHOICES = (0, 1, 2, 3, 4, 5, 6, -1, -2, -3)
INT_WEIGHTS = (2, 6, 5, 3, 2, 1, 1, 1.5, 1, 0.5)


@dataclass(frozen=True)
class Prior:
    """Relative weights of primitives when sampling (missing names weigh `default`)."""

    weights: tuple[tuple[str, float], ...] = ()
    default: float = 1.0

    def weight(self, name: str) -> float:
        return dict(self.weights).get(name, self.default)

    @classmethod
    def from_programs(cls, programs: list[Program]) -> "Prior":
        """sqrt(1 + uses) per primitive, counting calls and references in `programs` (uniform if none)."""
        uses: Counter = Counter()
        for program in programs:
            for line in program.lines:
                _count_names(line.expression, uses)
        return cls(tuple(sorted((name, math.sqrt(1 + n)) for name, n in uses.items())), 1.0)


def _count_names(expression: Expression, uses: Counter) -> None:
    if isinstance(expression, (Call, Ref)):
        uses[expression.name] += 1
    if isinstance(expression, Call):
        for argument in expression.args:
            _count_names(argument, uses)


@lru_cache(maxsize=1)
def library_prior() -> Prior:
    """The prior from the hand-written solver library (uniform while the library is empty)."""
    from arc_kernel.library import load_library

    return Prior.from_programs(list(load_library().values()))


@dataclass(frozen=True)
class Signature:
    name: str
    params: tuple[str, ...]
    result: str


class TypeTable:
    """For a snapshot of the registry: who produces each type and with how many calls it can be built."""

    def __init__(self, signatures: tuple[Signature, ...]):
        self.signatures = {s.name: s for s in signatures}
        types = {t for s in signatures for t in (*s.params, s.result)}
        self.references: dict[str, list[str]] = {
            t: [s.name for s in signatures if is_assignable(",".join(s.params) + "->" + s.result, t)]
            for t in types
            if is_function_type(t)
        }
        self.producers: dict[str, list[str]] = {
            t: [s.name for s in signatures if is_assignable(s.result, t)] for t in types if not is_function_type(t)
        }
        leaves = {"Grid", *CONSTANT_TYPES} | {t for t, refs in self.references.items() if refs}
        self.feasible: dict[str, frozenset[int]] = {t: frozenset([0] if t in leaves else []) for t in types}
        self.suffix: dict[str, list[frozenset[int]]] = {}
        changed = True
        while changed:
            changed = False
            for s in signatures:
                self.suffix[s.name] = self._suffix_sums(s.params)
            for t, names in self.producers.items():
                budgets = set(self.feasible[t])
                for name in names:
                    budgets |= {k + 1 for k in self.suffix[name][0] if k + 1 <= MAX_BUDGET}
                if budgets != self.feasible[t]:
                    self.feasible[t], changed = frozenset(budgets), True

    def _suffix_sums(self, params: tuple[str, ...]) -> list[frozenset[int]]:
        """sums[i]: the call counts params[i:] can absorb together."""
        sums = [frozenset([0])]
        for param in reversed(params):
            sums.append(frozenset(a + b for a in self.feasible[param] for b in sums[-1] if a + b <= MAX_BUDGET))
        return sums[::-1]

    def depths(self, goal: str = "Grid") -> list[int]:
        """The call counts with which a program of type `goal` can be built."""
        return sorted(k for k in self.feasible.get(goal, ()) if k > 0)


@lru_cache(maxsize=4)
def _table(signatures: tuple[Signature, ...]) -> TypeTable:
    return TypeTable(signatures)


def type_table() -> TypeTable:
    """The type table of the registry as it is now."""
    from arc_kernel.dsl import PRIMITIVES

    return _table(tuple(Signature(p.name, p.params, p.result) for p in sorted(PRIMITIVES.values(), key=lambda p: p.name)))


@dataclass
class SamplerConfig:
    """Knobs of the program sampler."""

    reuse: float = 0.25  # chance a zero-call leaf reuses a value computed earlier in the program
    palette_color: float = 0.8  # chance a colour constant is one of the inputs' colours
    prior: Prior = field(default_factory=Prior)


class Builder:
    """Flat lines under construction: each call gets a variable; knows the type of every variable."""

    def __init__(self, lines: list[FlatLine] | None = None, types: dict[str, str] | None = None):
        self.lines: list[FlatLine] = list(lines or [])
        self.types: dict[str, str] = {"I": "Grid", **(types or {})}
        self.counter = len(self.lines)

    def emit(self, call: Call, result: str) -> Var:
        self.counter += 1
        name = f"x{self.counter}"
        while name in self.types:
            self.counter += 1
            name = f"x{self.counter}"
        self.lines.append((name, call))
        self.types[name] = result
        return Var(name)

    def values_of(self, type_: str, exclude: frozenset[str] = frozenset()) -> list[str]:
        return [v for v, t in self.types.items() if is_assignable(t, type_) and v not in exclude]


class ProgramSampler:
    """Samples typed expressions and programs; `rng` is a `random.Random`, `palette` the inputs' colours."""

    def __init__(self, config: SamplerConfig | None = None, table: TypeTable | None = None):
        self.config = config or SamplerConfig()
        self.table = table or type_table()
        self.weights = {name: self.config.prior.weight(name) for name in self.table.signatures}
        self._producers: dict[tuple[str, int], tuple[list[str], list[float]]] = {}

    def producers(self, type_: str, budget: int) -> tuple[list[str], list[float]]:
        """Primitives that build `type_` with exactly `budget` calls, and their cumulative weights."""
        key = (type_, budget)
        if key not in self._producers:
            names = [n for n in self.table.producers[type_] if budget - 1 in self.table.suffix[n][0]]
            self._producers[key] = (names, list(itertools.accumulate(self.weights[n] for n in names)))
        return self._producers[key]

    def program(self, depth: int, rng: random.Random, palette: tuple[int, ...] = ()) -> list[FlatLine]:
        """Flat lines of a Grid program with exactly `depth` calls (the last line is the output)."""
        if depth not in self.table.feasible.get("Grid", ()) or depth < 1:
            raise ValueError(f"no Grid program of depth {depth} can be built from the registry")
        builder = Builder()
        self.expression(builder, "Grid", depth, rng, palette)
        return builder.lines

    def expression(
        self, builder: Builder, type_: str, budget: int, rng: random.Random, palette: tuple[int, ...] = (),
        avoid: frozenset[str] = frozenset(),
    ) -> Expression:
        """An expression of `type_` using exactly `budget` new calls, emitted into `builder`."""
        if budget == 0:
            return self.leaf(builder, type_, rng, palette, avoid)
        names, weights = self.producers(type_, budget)
        if not names:
            raise ValueError(f"no {type_} expression with {budget} calls")
        name = rng.choices(names, cum_weights=weights)[0]
        signature = self.table.signatures[name]
        remaining, args = budget - 1, []
        for i, param in enumerate(signature.params):
            rest = self.table.suffix[name][i + 1]
            options = [
                k for k in range(remaining + 1)
                if remaining - k in rest
                and (k in self.table.feasible[param] or (k == 0 and builder.values_of(param, avoid)))
            ]
            k = rng.choice(options)
            if k == 0:
                siblings = frozenset(a.name for a in args if isinstance(a, Var))
                args.append(self.leaf(builder, param, rng, palette, avoid, siblings))
            else:
                args.append(self.expression(builder, param, k, rng, palette, avoid))
            remaining -= k
        return builder.emit(Call(name, tuple(args)), signature.result)

    def leaf(
        self, builder: Builder, type_: str, rng: random.Random, palette: tuple[int, ...], avoid: frozenset[str],
        siblings: frozenset[str] = frozenset(),
    ) -> Expression:
        """A zero-call expression: a reused value, the input, a constant or a primitive's name
        (preferring values that are not already `siblings`, the other arguments of the same call)."""
        earlier = [v for v in builder.values_of(type_, avoid) if v != "I" and v not in siblings]
        literal = type_ == "Grid" or type_ in CONSTANT_TYPES or bool(self.table.references.get(type_))
        if earlier and (not literal or rng.random() < self.config.reuse or (type_ == "Grid" and "I" in siblings)):
            return Var(rng.choice(earlier))
        if not literal and siblings:
            return Var(rng.choice([v for v in builder.values_of(type_, avoid) if v != "I"]))
        if type_ == "Grid":
            return Var("I")
        if is_function_type(type_):
            names = self.table.references[type_]
            return Ref(rng.choices(names, [self.weights[n] for n in names])[0])
        return Const(self.constant(type_, rng, palette))

    def constant(self, type_: str, rng: random.Random, palette: tuple[int, ...]) -> object:
        """A random literal of a constant type."""
        if type_ == "Color":
            return self.color(rng, palette)
        if type_ == "Int":
            return rng.choices(INT_CHOICES, INT_WEIGHTS)[0]
        if type_ == "Bool":
            return rng.random() < 0.5
        sources = list(palette) if len(palette) >= 1 else list(range(10))
        rng.shuffle(sources)
        count = rng.randint(1, min(3, len(sources)))
        return ColorMap({s: rng.choice([c for c in range(10) if c != s]) for s in sources[:count]})

    def color(self, rng: random.Random, palette: tuple[int, ...]) -> int:
        if palette and rng.random() < self.config.palette_color:
            return rng.choice(palette)
        return rng.randrange(10)


def degenerate(lines: list[FlatLine]) -> str | None:
    """Why flat lines are a degenerate program, or None: 'repeated_argument' (a call gets the same
    variable twice, e.g. `cells_and(I, I, 2)`) or 'constant_call' (a call of constants only, e.g.
    `multiply(4, 1)`, which computes the same on every input)."""
    for _, call in lines:
        names = [a.name for a in call.args if isinstance(a, Var)]
        if len(names) != len(set(names)):
            return "repeated_argument"
        if not names:
            return "constant_call"
    return None
