"""Add up `model evaluate` reports of the split evaluation files (benchmarks/split_eval_sets.py) into one table.

    python -m benchmarks.merge_eval_reports REPORTS_DIR

Report names are WEIGHTS-SET-d{depth}-{i}.json (as benchmarks/gpu_session.sh writes them); prints one line per
weights, set, mode and depth: tasks, success@1/8/32 (%), seconds and programs per second.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def merge(directory: Path) -> dict[tuple[str, str, str, int], dict[str, float]]:
    """(weights, set, mode, depth) -> summed tasks, hits at 1/8/32, seconds and programs."""
    totals: dict = defaultdict(lambda: defaultdict(float))
    for path in sorted(directory.glob("*.json")):
        weights, data_set = path.stem.split("-")[:2]
        table = json.loads(path.read_text())["table"]
        for mode, rows in table.items():
            for depth, row in rows.items():
                total = totals[(weights, data_set, mode, int(depth))]
                total["tasks"] += row["tasks"]
                for j in (1, 8, 32):
                    total[f"hits@{j}"] += row.get(f"success@{j}", 0.0) * row["tasks"] / 100
                total["seconds"] += row["seconds"]
                total["programs"] += row["programs"]
    return totals


def main() -> None:
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    for (weights, data_set, mode, depth), t in sorted(merge(directory).items()):
        rates = "/".join(f"{100 * t[f'hits@{j}'] / t['tasks']:.0f}" for j in (1, 8, 32))
        speed = t["programs"] / t["seconds"] if t["seconds"] else 0.0
        print(f"{weights:8s} {data_set:8s} {mode:5s} depth{depth}: tasks {t['tasks']:.0f}, success@1/8/32 {rates}, "
              f"{t['seconds'] / t['tasks']:.1f} s per task, {speed:.1f} programs/s")


if __name__ == "__main__":
    main()
