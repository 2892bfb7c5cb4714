"""How long each primitive takes per call, measured while searching ARC-1 training tasks.

The search's cost of a primitive is its description length in bits plus, like Levin search, a time
term `log2(seconds per call / the median primitive's)` for primitives slower than the median: a
primitive 32 times slower than the typical one costs 5 bits more, so cheap transforms are tried first.
The table is measured once (`python -m arc_kernel search timing`) on ARC-1 training tasks and stored in
prior.json, so the order of the search never depends on the clock of the run itself.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import defaultdict

from tqdm import tqdm

from arc_kernel.dsl import Primitive
from arc_kernel.dsl.limits import Budget, activate
from arc_kernel.search.derivation import Node
from arc_kernel.search.enumeration import Enumerator, SearchConfig
from arc_kernel.search.prior import Prior


def cheapest_arguments(enumerator: Enumerator, primitive: Primitive, per_type: int,
                       limit: int) -> list[tuple[Node, ...]]:
    """Up to `limit` argument tuples for `primitive` from the `per_type` cheapest kept values of each parameter type."""
    pools = []
    for wanted in primitive.params:
        kinds = (wanted, "Color") if wanted == "Int" else (wanted,)
        nodes = [n for kind in kinds for level in sorted(enumerator.buckets[kind])
                 for n in enumerator.buckets[kind][level]]
        pools.append(sorted(nodes, key=lambda n: n.cost)[:per_type])
    return list(itertools.islice(itertools.product(*pools), limit))


def measure_call_seconds(tasks: list, seconds_per_task: float = 1.0, prior: Prior | None = None,
                         per_type: int = 3, calls: int = 6) -> dict[str, float]:
    """Mean seconds per call of every primitive, each run on up to `calls` argument tuples per task.

    The arguments are the cheapest values a short search of each task (`seconds_per_task`) keeps, so every
    primitive is timed on the kind of values it meets in a search, not only those the search reaches early.
    """
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    budget = Budget(max_steps=SearchConfig().call_steps, seconds=SearchConfig().call_seconds)
    for task in tqdm(tasks, desc="timing primitives", unit="task"):
        enumerator = Enumerator([p.input for p in task.train], [p.output for p in task.train], list(task.test_inputs),
                                prior, SearchConfig(time_weight=0.0, goal_directed=False))  # every type gets values
        for _ in enumerator.run(time.monotonic() + seconds_per_task):
            pass
        activate(budget)
        try:
            for primitive in enumerator.ordered:
                record = totals[primitive.name]
                for args in cheapest_arguments(enumerator, primitive, per_type, calls):
                    for example in range(len(enumerator.examples)):
                        budget.start()
                        start = time.process_time()  # CPU time: other jobs on the machine do not inflate it
                        try:
                            primitive.function(*[a.values[example] for a in args])
                        except Exception:  # a failing call costs its time too
                            pass
                        record[0] += time.process_time() - start
                        record[1] += 1
        finally:
            activate(None)
    return {name: round(total / count, 7) for name, (total, count) in sorted(totals.items()) if count}


def training_sample(count: int = 40) -> list:
    """`count` ARC-1 training tasks, random.Random(0).sample of the sorted ids (never evaluation tasks)."""
    from arc_kernel.datasets import load_dataset

    tasks = load_dataset("arc1-train").tasks
    return [tasks[i] for i in sorted(random.Random(0).sample(sorted(tasks), count))]

