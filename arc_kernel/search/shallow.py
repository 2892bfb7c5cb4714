"""A fast first phase, icecuber-style: every depth-1 and depth-2 chain of cheap whole-grid transforms.

Before the typed enumeration spreads its budget over the whole DSL, a short phase enumerates only
Grid->Grid primitives (and Grid,Color->Grid / Grid,Int->Grid ones, their constant from the demos) that
are fast per call, exhaustively up to `depth` calls deep, best-first by the prior, deduplicated by their
results on every input and checked (exactly, or up to an inferred colour map / upscale) as usual.
The list is chosen from the registry and the timing table in prior.json, never by name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.search.enumeration import COLOR_MAP_FINISH, UPSCALE_FINISH, SearchConfig, stored_call_seconds
from arc_kernel.search.prior import Prior

CONSTANT_TYPES = ("Color", "Int")


@dataclass
class ShallowConfig:
    """How much of the budget the first phase gets, how deep it goes and which primitives qualify."""

    share: float = 0.25  # fraction of the task's time (0 turns the phase off); it stops earlier when exhausted
    depth: int = 2  # calls per chain
    max_call_seconds: float = 5e-4  # primitives slower per call (prior.json) are left to the main search
    max_primitives: int = 80  # at most this many, the most frequent in the prior first


def whole_grid_transform(name: str) -> bool:
    """True for a primitive Grid->Grid, or Grid with one Color/Int constant ->Grid."""
    primitive = PRIMITIVES[name]
    params = primitive.params
    return (primitive.result == "Grid" and 1 <= len(params) <= 2 and params[0] == "Grid"
            and all(t in CONSTANT_TYPES for t in params[1:]))


def shallow_primitives(prior: Prior, config: ShallowConfig = ShallowConfig()) -> tuple[str, ...]:
    """The phase's primitives: timed whole-grid transforms under the time cap, cheapest in the prior first."""
    seconds = prior.seconds or stored_call_seconds()  # a prior without timings gets prior.json's
    names = [n for n in PRIMITIVES if whole_grid_transform(n)
             and 0 < seconds.get(n, float("inf")) <= config.max_call_seconds]
    names.sort(key=lambda n: (prior.cost(n), n))
    chosen = names[: config.max_primitives]
    finishes = [n for n in (COLOR_MAP_FINISH, UPSCALE_FINISH) if n in PRIMITIVES and n not in chosen]
    return tuple(chosen + finishes)


def shallow_search_config(base: SearchConfig, prior: Prior, config: ShallowConfig = ShallowConfig()) -> SearchConfig:
    """The enumeration settings of the phase: only its primitives (within `base.primitives` if set), no time
    term, chains at most `depth` deep."""
    names = shallow_primitives(prior, config)
    if base.primitives is not None:
        names = tuple(n for n in names if n in base.primitives)
    return replace(base, primitives=names, time_weight=0.0, max_depth=config.depth, symmetries=False)
