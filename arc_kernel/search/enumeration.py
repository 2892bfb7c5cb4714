"""Typed bottom-up enumeration over the DSL, best-first by cost, with observational equivalence.

Values are built from the task's inputs upward. Each value is computed on every example at once
(demo inputs, then test inputs) and kept only if no cheaper value of its type gave the same results on
all of them. Costs are whole bits from the prior; level `c` holds every new value of cost exactly `c`,
made by a primitive of cost `p` from arguments whose costs add up to `c − p`. Levels are made in steps
ordered by the cheapest Grid program a value can still be part of: a value of type T and cost c is made
at step c + d(T), d(T) being the fewest bits any Grid built from it adds (bounds.py; 0 for a Grid), so a
step s completes every Grid program of cost ≤ s without making values only costlier programs could use.
Inside Grid, a shape-keeping primitive called on a grid not shaped like the outputs is delayed the same
way, by the fewest bits that lead such a grid back to the outputs' shapes (shapes.py).
A Grid value that equals every demo output (or does so once a colour map or upscale factor inferred
from the demos is applied) is reported as a `Hit`.

Memory: at most `max_values` values (and about `max_bytes`) are kept. Once full, the eviction rule is
"newest loses": new values are still checked against the outputs but no longer kept as arguments, so
the cheapest values (kept first, since the order is best-first) always stay.
"""

from __future__ import annotations

import functools
import itertools
import math
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

import numpy as np

from arc_kernel.dsl import PRIMITIVES, Primitive
from arc_kernel.dsl.limits import Budget, activate, tick
from arc_kernel.dsl.types import Object, as_grid, is_function_type, value_key
from arc_kernel.interpreter import check_value
from arc_kernel.search.bounds import goal_distances, least_costs, off_shape_distance
from arc_kernel.search.constants import (Proposals, infer_color_map, infer_upscale_factor, predict_output_shapes,
                                         propose_constants)
from arc_kernel.search.derivation import Node
from arc_kernel.search.prior import INPUT_COST, Prior

COLOR_MAP_FINISH = "apply_color_map"  # Grid,ColorMap->Grid: finish a grid that is the output up to a colour map
UPSCALE_FINISH = "upscale"  # Grid,Int->Grid: finish a grid the outputs are a fixed upscale of


@dataclass
class SearchConfig:
    """Bounds and stopping rules of one search (the task's deadline comes from the caller)."""

    max_values: int = 200_000  # values kept as arguments, all types together
    max_bytes: int = 400 * 2**20  # approximate memory of the values kept
    max_cost: int = 120  # never enumerate past this many bits
    call_seconds: float = 0.2  # one primitive call on one example
    call_steps: int = 20_000  # steps (ticks) of one primitive call
    extra_cost: int = 3  # after the first program that fits every demo, search this many bits further
    max_solutions: int = 8  # stop after this many distinct fitting programs
    max_partials: int = 4  # programs right on most (not all) demos that may be reported
    symmetries: bool = False  # also search the task under the 7 other rotations/reflections
    margin: float = 0.05  # stop this many seconds before the deadline
    primitives: tuple[str, ...] | None = None  # search only these primitives (None: the whole DSL)
    time_weight: float = 0.5  # bits added per doubling of a primitive's call time over the median one's (Levin: 1)
    max_depth: int | None = None  # values at most this many calls deep (None: no bound)
    goal_directed: bool = True  # make a value at step cost + its type's distance to a Grid (False: at its cost)
    shape_directed: bool = True  # delay shape-keeping calls on grids not shaped like the outputs (shapes.py)
    guided: bool = True  # per-task prior from the guide's primitive probabilities (guide.py), when it is shipped
    guide_strength: float = 1.0  # bits of cost change per bit of the guide's likelihood ratio
    guide_limit: float = 4.0  # largest cost change the guide makes, either way
    shallow_share: float = 0.25  # time share of the first phase over cheap whole-grid transforms (shallow.py; 0: off)


@dataclass
class SearchStats:
    """What one search did: values evaluated and kept, the cost level and value depth reached."""

    evaluated: int = 0
    kept: int = 0
    level: int = 0
    depth: int = 0
    seconds: float = 0.0
    full: bool = False

    @property
    def values_per_second(self) -> float:
        return self.kept / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class Hit:
    """A grid value that fits the demos: the program is `node`, or `finish[0](node, finish[1])` when finished."""

    node: Node
    cost: int
    demo_matches: int
    finish: tuple[str, object] | None = None


def as_prior(prior: Prior | dict[str, float] | None) -> Prior:
    """Accept a Prior, a plain dict name → cost (e.g. from a model; it gets the stored call times), or None."""
    if prior is None:
        return Prior()
    return prior if isinstance(prior, Prior) else Prior(dict(prior), seconds=stored_call_seconds())


@functools.lru_cache(maxsize=1)
def stored_shape_preserving() -> frozenset[str]:
    """The primitives measured to keep their first grid's shape (prior.json; see shapes.py)."""
    from arc_kernel.search.prior import load_shape_preserving

    return load_shape_preserving()


@functools.lru_cache(maxsize=1)
def stored_call_seconds() -> dict[str, float]:
    """The measured seconds per call in prior.json (a per-task prior from a model keeps the time term)."""
    from arc_kernel.search.prior import load_prior

    return load_prior().seconds


def level_cost(cost: float) -> int:
    """A cost in bits as a whole enumeration level (at least 1)."""
    return max(1, int(round(cost)))


def approximate_bytes(value: object) -> int:
    """Rough memory held by one value (for the store's byte cap)."""
    if isinstance(value, np.ndarray):
        return value.nbytes + 112
    if isinstance(value, Object):
        return 2 * value.patch.size + 400
    if isinstance(value, tuple):
        sample = value[:64]
        per_item = sum(approximate_bytes(v) for v in sample) / max(1, len(sample))
        return 56 + int(per_item * len(value))
    return 32


def function_value(name: str) -> Callable[..., object]:
    """A primitive as an argument: each call spends a step of the active budget and is capped like a result."""
    function = PRIMITIVES[name].function

    def apply(*args: object) -> object:
        tick()
        return check_value(function(*args))

    apply.__name__ = name
    return apply


class Enumerator:
    """Enumerate the values of one task best-first; `run` yields Hits until the deadline or exhaustion."""

    def __init__(self, demo_inputs: list[np.ndarray], demo_outputs: list[np.ndarray], test_inputs: list[np.ndarray],
                 prior: Prior | dict[str, float] | None = None, config: SearchConfig = SearchConfig(),
                 primitives: dict[str, Primitive] | None = None, given: Sequence[Node] = ()):
        """`given`: extra seed values (GIVEN nodes, values on the demo then test inputs), e.g. a model's partial
        programs; the cheapest of equal values is kept."""
        self.config, self.prior = config, as_prior(prior)
        self._cost_cache: dict[str, int] = {}
        if primitives is None:
            names = PRIMITIVES if config.primitives is None else [n for n in config.primitives if n in PRIMITIVES]
            primitives = {name: PRIMITIVES[name] for name in names}
        self.primitives = dict(primitives)
        self.n_train = len(demo_inputs)
        self.examples = [as_grid(g) for g in [*demo_inputs, *test_inputs]]
        self.outputs = [as_grid(g) for g in demo_outputs]
        self.output_keys = [value_key(g) for g in self.outputs]
        self.proposals = propose_constants(list(demo_inputs), list(demo_outputs), list(test_inputs))
        self.test_shapes = predict_output_shapes(list(demo_inputs), list(demo_outputs), list(test_inputs))
        self.buckets: dict[str, dict[int, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.seen: set[tuple[str, int]] = set()
        self.stats = SearchStats()
        self.given = sorted(given, key=lambda node: node.cost)
        self.bytes = 0
        self.partials = 0
        self.stop_level = config.max_cost  # the consumer may lower it once a solution is found
        self.level = 0
        self.budget = Budget(max_steps=config.call_steps, seconds=config.call_seconds)
        self._pools: dict[tuple[str, int, bool | None], list[Node]] = {}
        self._seed()
        self.ordered = self._usable_primitives()
        seeds = {t: min(c for c, nodes in levels.items() if nodes) for t, levels in self.buckets.items()
                 if any(levels.values())}
        least = least_costs(seeds, self.ordered, self.cost)
        self.distances = goal_distances(least, self.ordered, self.cost)
        if not config.goal_directed:  # every value at the step of its own cost, types that lead nowhere included
            self.distances = {t: 0 for t in {p.result for p in self.ordered} | set(self.distances)}
        self.preserving: frozenset[str] = frozenset()
        self.off_shape: int | None = None
        if config.goal_directed and config.shape_directed:
            self.preserving = stored_shape_preserving() & {p.name for p in self.ordered}
            self.off_shape = off_shape_distance(least, self.distances, self.ordered, self.cost, self.preserving)
            if UPSCALE_FINISH in self.primitives:  # the inferred upscale finishes a grid of another shape
                finish = self.cost(UPSCALE_FINISH) + self.cost("Int")
                self.off_shape = finish if self.off_shape is None else min(self.off_shape, finish)
        self.stepped = self._plan()

    def _plan(self) -> list[tuple[Primitive, int, bool | None]]:
        """What a step runs: (primitive, goal distance of its results, which first grids it takes: None all,
        True those shaped like the outputs, False the others), results further from a Grid (cheaper) first."""
        plan: list[tuple[Primitive, int, bool | None]] = []
        for primitive in self.ordered:
            if primitive.result not in self.distances:
                continue
            if primitive.name not in self.preserving:
                plan.append((primitive, self.distances[primitive.result], None))
                continue
            plan.append((primitive, self.distances[primitive.result], True))
            if self.off_shape is not None:
                plan.append((primitive, self.distances[primitive.result] + self.off_shape, False))
        return sorted(plan, key=lambda e: (-e[1], self.cost(e[0].name), e[0].name, e[2] is False))

    # ------------------------------------------------------------ set-up

    def cost(self, name: str) -> int:
        """A primitive's (or constant kind's) level cost: its bits, plus the time term for slow primitives."""
        cached = self._cost_cache.get(name)
        if cached is None:
            cached = level_cost(self.prior.cost(name) + self.config.time_weight * self.prior.time_bits(name))
            self._cost_cache[name] = cached
        return cached

    def _constant_cost(self, kind: str, choices: int) -> int:
        return level_cost(self.prior.cost(kind) + math.log2(max(1, choices)))

    def _add_seed(self, node: Node) -> bool:
        key = (node.type, hash(tuple(value_key(v) for v in node.values)))
        if key in self.seen:
            return False
        self.seen.add(key)
        self.buckets[node.type][node.cost].append(node)
        return True

    def _seed(self) -> None:
        n = len(self.examples)
        self._add_seed(Node("Grid", tuple(self.examples), level_cost(INPUT_COST), name="I"))
        self.given = [node for node in self.given if self._add_seed(node)]
        proposals: Proposals = self.proposals
        ints = [i for i in proposals.ints if i not in proposals.colors]
        for kind, values in (("Color", proposals.colors), ("Int", ints), ("Bool", proposals.bools),
                             ("ColorMap", proposals.color_maps)):
            cost = self._constant_cost(kind, len(values))
            for value in values:
                self._add_seed(Node(kind, (value,) * n, cost, constant=value))
        pair_cost = self._constant_cost("ColorMap", 2 * len(proposals.pair_maps))  # after the inferred map
        for value in proposals.pair_maps:
            self._add_seed(Node("ColorMap", (value,) * n, pair_cost, constant=value))
        wanted = {t for p in self.primitives.values() for t in p.params if is_function_type(t)}
        for name in sorted(self.primitives):
            primitive = self.primitives[name]
            if primitive.type in wanted:
                self._add_seed(Node(primitive.type, (function_value(name),) * n, self.cost(name), name=name))

    def _usable_primitives(self) -> list[Primitive]:
        """Primitives whose every parameter type can be produced, cheapest first (ties by name)."""
        reachable = {t for t, levels in self.buckets.items() if any(levels.values())}
        usable: dict[str, Primitive] = {}
        changed = True
        while changed:
            changed = False
            for name, primitive in self.primitives.items():
                if name not in usable and all(self._accepts(reachable, t) for t in primitive.params):
                    usable[name] = primitive
                    if primitive.result not in reachable:
                        reachable.add(primitive.result)
                    changed = True
        return sorted(usable.values(), key=lambda p: (self.cost(p.name), p.name))

    @staticmethod
    def _accepts(reachable: set[str], wanted: str) -> bool:
        return wanted in reachable or (wanted == "Int" and "Color" in reachable)

    # ------------------------------------------------------------ argument pools

    def pool(self, wanted: str, cost: int, shaped: bool | None = None) -> list[Node]:
        """Kept values usable where type `wanted` is expected, of exactly `cost` (costs below the level are final);
        `shaped` True/False: only the grids shaped / not shaped like every demo output."""
        key = (wanted, cost, shaped)
        nodes = self._pools.get(key)
        if nodes is None:
            nodes = list(self.buckets[wanted].get(cost, ()))
            if wanted == "Int":
                nodes += self.buckets["Color"].get(cost, ())
            if shaped is not None:
                nodes = [n for n in nodes if self._output_shaped(n) == shaped]
            self._pools[key] = nodes
        return nodes

    def _output_shaped(self, node: Node) -> bool:
        return all(v.shape == o.shape for v, o in zip(node.values, self.outputs))

    def _costs(self, wanted: str, below: int) -> list[int]:
        costs = {c for c, nodes in self.buckets[wanted].items() if nodes and c < below}
        if wanted == "Int":
            costs |= {c for c, nodes in self.buckets["Color"].items() if nodes and c < below}
        return sorted(costs)

    def _splits(self, params: tuple[str, ...], rest: int, costs: dict[str, list[int]]) -> Iterator[tuple[int, ...]]:
        """Every way to give each parameter an available cost so that they add up to `rest`."""
        if not params:
            if rest == 0:
                yield ()
            return
        if len(params) == 1:
            if rest in costs[params[0]]:
                yield (rest,)
            return
        for cost in costs[params[0]]:
            if cost > rest - (len(params) - 1):
                break
            for tail in self._splits(params[1:], rest - cost, costs):
                yield (cost, *tail)

    # ------------------------------------------------------------ the search

    def run(self, deadline: float) -> Iterator[Hit]:
        """Enumerate step by step until `deadline` (time.monotonic()), `stop_level` or `max_cost`; yield Hits.

        Step `s` makes the values of cost `s − d` for result types at goal distance `d` (bounds.py), so
        after step `s` every Grid program of cost ≤ s has been tried.
        """
        start = time.monotonic()
        stop = deadline - self.config.margin
        activate(self.budget)
        try:
            seeds = self.buckets["Grid"].get(level_cost(INPUT_COST), [])[:1] + [n for n in self.given if n.type == "Grid"]
            for hit in self._hits_of(seeds):
                yield hit
                activate(self.budget)
            for step in range(1, self.config.max_cost + 1):
                if step > self.stop_level or time.monotonic() >= stop:
                    break
                self.level = step
                below: dict[tuple[str, int], list[int]] = {}
                for primitive, distance, shaped in self.stepped:
                    level = step - distance
                    rest = level - self.cost(primitive.name)
                    if rest < len(primitive.params) or (rest != 0 and not primitive.params):
                        continue
                    costs = {t: self._below(below, t, level) for t in primitive.params}
                    for split in self._splits(primitive.params, rest, costs):
                        lists = [self.pool(t, c, shaped if i == 0 else None)
                                 for i, (t, c) in enumerate(zip(primitive.params, split))]
                        for hit in self._apply(primitive, lists, level, stop):
                            yield hit
                            activate(self.budget)
                        if time.monotonic() >= stop:
                            break
                    if time.monotonic() >= stop:
                        break
                else:
                    self.stats.level = step
        finally:
            activate(None)
            self.stats.seconds = time.monotonic() - start

    def _below(self, cache: dict[tuple[str, int], list[int]], wanted: str, level: int) -> list[int]:
        """The costs below `level` of kept values usable as `wanted` (cached within one step)."""
        key = (wanted, level)
        costs = cache.get(key)
        if costs is None:
            costs = cache[key] = self._costs(wanted, level)
        return costs

    def _apply(self, primitive: Primitive, lists: list[list[Node]], level: int, stop: float) -> Iterator[Hit]:
        """Run `primitive` on every combination of arguments from `lists`; keep new values, yield Hits."""
        function, result_type = primitive.function, primitive.result
        n = len(self.examples)
        max_depth = self.config.max_depth
        if max_depth is not None:
            lists = [[a for a in nodes if a.depth < max_depth] for nodes in lists]
        budget, seconds = self.budget, self.config.call_seconds
        stats, seen = self.stats, self.seen
        for args in itertools.product(*lists):
            now = time.monotonic()
            if now >= stop:
                return
            stats.evaluated += 1
            results = []
            try:
                for e in range(n):
                    if e and time.monotonic() >= stop:  # 100 test inputs x a 5 ms primitive ran 0.5 s past it
                        return
                    budget.steps = 0
                    budget.deadline = min(now + seconds, stop)
                    results.append(check_value(function(*[a.values[e] for a in args])))
            except Exception:  # DSLError or a primitive's own failure: this combination has no value
                continue
            keys = tuple(value_key(r) for r in results)
            fingerprint = hash(keys)
            key = (result_type, fingerprint)
            if key in seen or (result_type == "Int" and ("Color", fingerprint) in seen):
                continue
            seen.add(key)
            depth = 1 + max((a.depth for a in args), default=0)
            node = Node(result_type, tuple(results), level, depth, primitive.name, tuple(args))
            self._keep(node)
            if result_type == "Grid":
                yield from self._hits_of([node], keys)

    def _keep(self, node: Node) -> None:
        if self.stats.kept >= self.config.max_values or self.bytes >= self.config.max_bytes:
            self.stats.full = True
            return
        self.buckets[node.type][node.cost].append(node)
        self.bytes += sum(approximate_bytes(v) for v in node.values)
        self.stats.kept += 1
        self.stats.depth = max(self.stats.depth, node.depth)

    def _hits_of(self, nodes: list[Node], keys: tuple | None = None) -> Iterator[Hit]:
        """Hits for new grid values: exact fits, fits after an inferred constant, and most-demos fits."""
        for node in nodes:
            demo_keys = keys if keys is not None else tuple(value_key(v) for v in node.values)
            matches = sum(1 for i in range(self.n_train) if demo_keys[i] == self.output_keys[i])
            if matches == self.n_train:
                yield Hit(node, node.cost, matches)
                continue
            yield from self._finishes(node)
            if self.partials < self.config.max_partials and 2 * matches > self.n_train and self._test_shapes_fit(node):
                self.partials += 1
                yield Hit(node, node.cost, matches)

    def _test_shapes_fit(self, node: Node) -> bool:
        """False when the demos' input→output size rule predicts other test output shapes than `node` has."""
        if self.test_shapes is None:
            return True
        return all(v.shape == s for v, s in zip(node.values[self.n_train:], self.test_shapes))

    def _finishes(self, node: Node) -> Iterator[Hit]:
        values = list(node.values[: self.n_train])
        if COLOR_MAP_FINISH in self.primitives and all(v.shape == o.shape for v, o in zip(values, self.outputs)):
            mapping = infer_color_map(values, self.outputs)
            if mapping is not None:
                cost = node.cost + self.cost(COLOR_MAP_FINISH) + self.cost("ColorMap")
                yield Hit(node, cost, self.n_train, (COLOR_MAP_FINISH, mapping))
        if UPSCALE_FINISH in self.primitives and values[0].shape != self.outputs[0].shape:
            factor = infer_upscale_factor(values, self.outputs)
            if factor is not None and self._upscale_fits(values, factor):
                cost = node.cost + self.cost(UPSCALE_FINISH) + self.cost("Int")
                yield Hit(node, cost, self.n_train, (UPSCALE_FINISH, factor))

    def _upscale_fits(self, values: list[np.ndarray], factor: int) -> bool:
        upscale = self.primitives[UPSCALE_FINISH].function
        try:
            return all(np.array_equal(upscale(v, factor), o) for v, o in zip(values, self.outputs))
        except Exception:
            return False
