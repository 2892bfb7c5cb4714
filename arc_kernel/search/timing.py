"""How long each primitive takes per call, measured while searching ARC-1 training tasks.

The search's cost of a primitive is its description length in bits plus, like Levin search, a time
term `log2(seconds per call / the median primitive's)` for primitives slower than the median: a
primitive 32 times slower than the typical one costs 5 bits more, so cheap transforms are tried first.
The table is measured once (`python -m arc_kernel search timing`) and stored in prior.json, so the
order of the search never depends on the clock of the run itself.
"""

from __future__ import annotations

import random
import statistics
import time
from collections import defaultdict
from dataclasses import replace
from typing import Callable

from tqdm import tqdm

from arc_kernel.dsl import PRIMITIVES, Primitive
from arc_kernel.search.enumeration import Enumerator, SearchConfig
from arc_kernel.search.prior import Prior


def _timed(primitive: Primitive, totals: dict[str, list[float]]) -> Primitive:
    function: Callable[..., object] = primitive.function
    record = totals[primitive.name]

    def timed(*args: object) -> object:
        start = time.perf_counter()
        try:
            return function(*args)
        finally:
            record[0] += time.perf_counter() - start
            record[1] += 1

    return replace(primitive, function=timed)


def measure_call_seconds(tasks: list, seconds_per_task: float = 2.0, prior: Prior | None = None,
                         min_calls: int = 5) -> dict[str, float]:
    """Mean seconds per call of each primitive called at least `min_calls` times while searching `tasks`."""
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    primitives = {name: _timed(p, totals) for name, p in PRIMITIVES.items()}
    config = SearchConfig(time_weight=0.0)  # the description-length order, so every primitive gets called
    for task in tqdm(tasks, desc="timing primitives", unit="task"):
        enumerator = Enumerator([p.input for p in task.train], [p.output for p in task.train], list(task.test_inputs),
                                prior, config, primitives)
        for _ in enumerator.run(time.monotonic() + seconds_per_task):
            pass
    return {name: round(total / calls, 7) for name, (total, calls) in sorted(totals.items()) if calls >= min_calls}


def training_sample(count: int = 40) -> list:
    """`count` ARC-1 training tasks, random.Random(0).sample of the sorted ids (never evaluation tasks)."""
    from arc_kernel.datasets import load_dataset

    tasks = load_dataset("arc1-train").tasks
    return [tasks[i] for i in sorted(random.Random(0).sample(sorted(tasks), count))]


def reference_seconds(seconds: dict[str, float]) -> float:
    """The median primitive's seconds per call: primitives at or below it get no time term."""
    return statistics.median(seconds.values()) if seconds else 0.0
