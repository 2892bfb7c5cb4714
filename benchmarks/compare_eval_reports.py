"""Which held-out tasks each set of weights solves: `model evaluate` reports compared task by task.

    python -m benchmarks.compare_eval_reports --runs NAME=REPORT[,REPORT...] NAME=REPORT[,...] ... [--k 32]

Each run is one weights folder's reports over the same data files (several files per run are merged by depth, as
`--data heldout-d2-0.jsonl` and `--data heldout-d4-0.jsonl` give). Tasks are matched by their position within a
depth, so every run must have read the same files with the same `--per-depth`. For each mode and depth prints each
run's tasks solved at k, the tasks each later run gains and loses against the first, and how many tasks any run
solves (what an ensemble of the runs' lists could reach at best).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def solved_sets(paths: list[Path], k: int) -> dict[tuple[str, int], set[int]]:
    """(mode, depth) -> indices of the tasks whose first solving proposal is within the first k."""
    sets: dict[tuple[str, int], set[int]] = {}
    for path in paths:
        table = json.loads(path.read_text())["table"]
        for mode, depths in table.items():
            for depth, row in depths.items():
                key = (mode, int(depth))
                if key in sets:
                    raise SystemExit(f"{path}: {mode} depth {depth} appears in two reports of one run")
                sets[key] = {i for i, p in enumerate(row["positions"]) if p is not None and p <= k}
    return sets


def compare(runs: dict[str, dict[tuple[str, int], set[int]]]) -> list[str]:
    """One line per mode and depth that every run reports: counts, gains and losses against the first run, union."""
    names = list(runs)
    first = runs[names[0]]
    lines = []
    for key in sorted(set.intersection(*(set(sets) for sets in runs.values()))):
        mode, depth = key
        parts = [f"{name} {len(runs[name][key])}" for name in names]
        for name in names[1:]:
            gained, lost = sorted(runs[name][key] - first[key]), sorted(first[key] - runs[name][key])
            parts.append(f"{name} vs {names[0]}: +{gained} -{lost}")
        union = set().union(*(runs[name][key] for name in names))
        parts.append(f"any {len(union)}")
        lines.append(f"{mode:5} depth{depth}: " + "; ".join(parts))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", nargs="+", required=True, metavar="NAME=REPORT[,REPORT...]")
    parser.add_argument("--k", type=int, default=32)
    args = parser.parse_args()
    runs = {}
    for spec in args.runs:
        name, _, files = spec.partition("=")
        if not files:
            raise SystemExit(f"--runs takes NAME=REPORT[,REPORT...], got {spec!r}")
        runs[name] = solved_sets([Path(f) for f in files.split(",")], args.k)
    for line in compare(runs):
        print(line)


if __name__ == "__main__":
    main()
