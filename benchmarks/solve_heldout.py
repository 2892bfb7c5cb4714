"""`solve` on the frozen held-out synthetic set, per depth: does the model add tasks beside search at equal time?

    python -m benchmarks.solve_heldout ARM [--seconds 5] [--per-depth 30] [--depths 1 2 3 4 5 6] [--data PATH] [--report R]

ARM is `search` (search alone), `model` (model, then search, as `solve` runs them, without seeds) or `seeded` (the
same, the search also starting from the model's partial programs: `ModelSourceSettings.seeds`). A task counts when
one of the two attempts equals its test output, as on Kaggle. One process, one torch thread; run arms side by side
(one per core) so they share the machine alike. Prints one line per depth and a closing summary line.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from arc_kernel.model.evaluate import DEPTHS, _load_examples
from arc_kernel.solve import SolveConfig, solve
from arc_kernel.task import Pair, Task


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("arm", choices=("search", "model", "seeded"))
    parser.add_argument("--seconds", type=float, default=5.0, help="time per task (default %(default)s)")
    parser.add_argument("--per-depth", type=int, default=30)
    parser.add_argument("--depths", type=int, nargs="+", default=list(DEPTHS))
    parser.add_argument("--data", help="a jsonl file instead of the frozen held-out set (e.g. the tuning set)")
    parser.add_argument("--report", type=Path, help="per-task results as JSON")
    args = parser.parse_args()

    config = SolveConfig(time_per_task=args.seconds, use_model=args.arm != "search")
    sources: list = []
    model = None
    if config.use_model:
        import torch

        from arc_kernel.model.source import ModelSource, ModelSourceSettings

        torch.set_num_threads(1)
        model = ModelSource(config, ModelSourceSettings(seeds=ModelSourceSettings().seeds if args.arm == "seeded" else 0))
        sources.append(model)
    from arc_kernel.search import SearchSource

    sources.append(SearchSource(config.search, seeds=model))
    examples = _load_examples(args.data, args.per_depth)
    rows, counts = [], {}
    for depth in args.depths:
        for index, example in enumerate(examples.get(depth, [])):
            task = Task(f"d{depth}-{index}", tuple(Pair(i, o) for i, o in example.pairs), example.test_inputs)
            result = solve(task, config, sources)
            solved = all(any(np.array_equal(a, t) for a in attempts)
                         for attempts, t in zip(result.attempts, example.test_outputs))
            rows.append({"depth": depth, "index": index, "solved": solved, "source": result.source,
                         "seconds": round(result.seconds, 2), "program": result.program})
        done = [r for r in rows if r["depth"] == depth]
        counts[depth] = (sum(r["solved"] for r in done), len(done))
        print(f"{args.arm} depth{depth}: {counts[depth][0]}/{counts[depth][1]}", flush=True)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps({"arm": args.arm, "seconds": args.seconds, "data": args.data, "rows": rows},
                                          indent=1) + "\n")
    print(f"{args.arm} at {args.seconds:g} s: " + ", ".join(
        f"depth{d} {100 * s / max(n, 1):.0f}%" for d, (s, n) in counts.items()))


if __name__ == "__main__":
    main()
