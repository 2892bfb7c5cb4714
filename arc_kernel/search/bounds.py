"""Lower bounds on cost that order the enumeration by the cheapest program a value can still be part of.

A value only matters as part of a Grid program. `least_costs` bounds from below the cost of any value
of each type (the cheapest seed, or the cheapest primitive applied to the cheapest arguments);
`goal_distances` bounds from below the bits that turning a value of type T into a Grid adds on top of
the value's own cost (0 for a Grid, none for a type that never leads to a Grid). The enumeration makes
a value of cost c and type T at step c + goal_distance(T), so after step s every program of cost ≤ s
has been enumerated, as before, but an `Objects` value that could only sit in a program costlier than
any step the time allows is never computed.
"""

from __future__ import annotations

from typing import Callable, Iterable

from arc_kernel.dsl import Primitive

GOAL_TYPE = "Grid"


def accepted_types(wanted: str) -> tuple[str, ...]:
    """The value types a parameter of type `wanted` takes (a Color is an Int too)."""
    return (wanted, "Color") if wanted == "Int" else (wanted,)


def _least_of(least: dict[str, int], wanted: str) -> int | None:
    found = [least[t] for t in accepted_types(wanted) if t in least]
    return min(found) if found else None


def least_costs(seeds: dict[str, int], primitives: Iterable[Primitive], cost: Callable[[str], int]) -> dict[str, int]:
    """The lowest cost any value of each producible type can have, from the seed costs and `primitives`."""
    least = dict(seeds)
    primitives = list(primitives)
    changed = True
    while changed:
        changed = False
        for primitive in primitives:
            args = [_least_of(least, t) for t in primitive.params]
            if None in args:
                continue
            total = cost(primitive.name) + sum(args)
            if total < least.get(primitive.result, total + 1):
                least[primitive.result] = total
                changed = True
    return least


def goal_distances(least: dict[str, int], primitives: Iterable[Primitive],
                   cost: Callable[[str], int]) -> dict[str, int]:
    """For each type that can lead to a Grid, the fewest bits a Grid built from one of its values adds to it."""
    distance = {GOAL_TYPE: 0}
    primitives = list(primitives)
    changed = True
    while changed:
        changed = False
        for primitive in primitives:
            after = distance.get(primitive.result)
            args = [_least_of(least, t) for t in primitive.params]
            if after is None or None in args:
                continue
            total = cost(primitive.name) + sum(args) + after
            for wanted, own in zip(primitive.params, args):
                for kind in accepted_types(wanted):
                    if kind in least and total - own < distance.get(kind, total - own + 1):
                        distance[kind] = total - own
                        changed = True
    return distance


def off_shape_distance(least: dict[str, int], distances: dict[str, int], primitives: Iterable[Primitive],
                       cost: Callable[[str], int], preserving: frozenset[str]) -> int | None:
    """The fewest bits a Grid hit built from a grid of another shape than the demo outputs adds to it.

    Such a grid gets nearer the outputs only through a parameter where its shape may be lost: any but
    the first of a `preserving` primitive (one whose result has its first grid's shape). None: no way.
    """
    best = None
    for primitive in primitives:
        after = distances.get(primitive.result)
        args = [_least_of(least, t) for t in primitive.params]
        if after is None or None in args:
            continue
        total = cost(primitive.name) + sum(args) + after
        for index, (wanted, own) in enumerate(zip(primitive.params, args)):
            if wanted == GOAL_TYPE and not (index == 0 and primitive.name in preserving):
                best = total - own if best is None else min(best, total - own)
    return best
