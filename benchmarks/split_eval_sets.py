"""Cut the model's evaluation sets into small per-depth files, so many `model evaluate` processes can share a GPU.

    python -m benchmarks.split_eval_sets OUT [--heldout-per-depth 30] [--tune PATH] [--tune-per-depth 40] [--chunk 15]

Writes OUT/heldout-d{depth}-{i}.jsonl (the first tasks of each depth of the frozen held-out set, in the order
`model evaluate` takes them) and OUT/tune-d{depth}-{i}.jsonl (likewise from the tuning set), `--chunk` tasks each.
Evaluating every file with `--per-depth CHUNK` and adding the counts gives the same tasks as one run.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from arc_kernel.model.evaluate import DEPTHS
from arc_kernel.model.examples import example_from_record


def first_records_by_depth(records, per_depth: int) -> dict[int, list[dict]]:
    """The first `per_depth` records of each depth that `model evaluate` would read as examples."""
    chosen: dict[int, list[dict]] = defaultdict(list)
    for record in records:
        example = example_from_record(record)
        if example is not None and example.depth in DEPTHS and len(chosen[example.depth]) < per_depth:
            chosen[example.depth].append(record)
    return chosen


def write_chunks(chosen: dict[int, list[dict]], out: Path, name: str, chunk: int) -> list[Path]:
    paths = []
    for depth, records in sorted(chosen.items()):
        for i in range(0, len(records), chunk):
            path = out / f"{name}-d{depth}-{i // chunk}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in records[i:i + chunk]))
            paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--heldout-per-depth", type=int, default=30)
    parser.add_argument("--tune", default="data/tune/shard-00000.jsonl")
    parser.add_argument("--tune-per-depth", type=int, default=40)
    parser.add_argument("--chunk", type=int, default=15)
    args = parser.parse_args()
    from arc_kernel.synthesis import load_heldout

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    paths = write_chunks(first_records_by_depth(load_heldout(), args.heldout_per_depth), out, "heldout", args.chunk)
    if Path(args.tune).is_file():
        with open(args.tune) as handle:
            tune = [json.loads(line) for line in handle if line.strip()]
        paths += write_chunks(first_records_by_depth(tune, args.tune_per_depth), out, "tune", args.chunk)
    print(f"wrote {len(paths)} files to {out}")


if __name__ == "__main__":
    main()
