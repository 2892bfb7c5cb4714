"""Which grid primitives keep the shape of their first grid, measured once on ARC-1 training tasks.

A hit must have the demo outputs' shapes. A grid value of another shape (on some demo) gets nearer to
them only through a primitive that may change shape, so what shape-keeping primitives build on it is
never a hit and is only worth making `off_shape_distance` (bounds.py) bits later: the enumeration makes
`rotate_90(X)` for such an X at step cost + that distance, which for a task whose outputs are smaller
than its inputs delays most of the search's grids. The set is measured (`python -m arc_kernel search
shapes`), never written by name, and stored in prior.json; a primitive flagged wrongly only makes the
values built on it later, never wrong (every hit is still checked on every demo).
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from tqdm import tqdm

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.dsl.limits import Budget, activate
from arc_kernel.search.enumeration import Enumerator, SearchConfig
from arc_kernel.search.prior import PRIOR_PATH, Prior
from arc_kernel.search.timing import cheapest_arguments

SHAPE_KEY = "shape_preserving"


def shape_candidates() -> list[str]:
    """Primitives whose first parameter and result are grids (the only ones that can keep a grid's shape)."""
    return sorted(n for n, p in PRIMITIVES.items() if p.params[:1] == ("Grid",) and p.result == "Grid")


def measure_shape_preserving(tasks: list, seconds_per_task: float = 0.5, prior: Prior | None = None,
                             per_type: int = 4, calls: int = 12, min_calls: int = 20) -> list[str]:
    """The candidates whose every result, over at least `min_calls` calls, had their first grid's shape.

    The arguments are the cheapest values a short search of each task keeps (as in timing.py), so the
    grids are of the kinds a search meets: inputs, crops, halves, scaled grids.
    """
    kept, broken = defaultdict(int), set()
    budget = Budget(max_steps=SearchConfig().call_steps, seconds=SearchConfig().call_seconds)
    names = shape_candidates()
    for task in tqdm(tasks, desc="shapes of primitives", unit="task"):
        enumerator = Enumerator([p.input for p in task.train], [p.output for p in task.train], list(task.test_inputs),
                                prior, SearchConfig(time_weight=0.0, goal_directed=False, shallow_share=0.0))
        for _ in enumerator.run(time.monotonic() + seconds_per_task):
            pass
        usable = {p.name: p for p in enumerator.ordered}
        activate(budget)
        try:
            for name in names:
                if name in broken or name not in usable:
                    continue
                for args in cheapest_arguments(enumerator, usable[name], per_type, calls):
                    for example in range(len(enumerator.examples)):
                        budget.start()
                        grid = args[0].values[example]
                        try:
                            result = usable[name].function(*[a.values[example] for a in args])
                        except Exception:  # a failing call says nothing about shapes
                            continue
                        if not isinstance(result, np.ndarray) or result.shape != grid.shape:
                            broken.add(name)
                        kept[name] += 1
        finally:
            activate(None)
    return sorted(n for n in names if n not in broken and kept[n] >= min_calls)


def write_shape_preserving(names: list[str], path: Path = PRIOR_PATH) -> None:
    """Store the measured set under `shape_preserving` in prior.json, leaving its other keys alone."""
    data = json.loads(Path(path).read_text()) if Path(path).exists() else {}
    data[SHAPE_KEY] = sorted(names)
    Path(path).write_text(json.dumps(data, indent=1) + "\n")
