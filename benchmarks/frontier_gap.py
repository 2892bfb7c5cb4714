"""How far below the beam frontier the true program lies: for each held-out task, the decoder's log-probability of
the program that made it, against the best and the last of the whole-program beams (session 18, BENCHMARKS.md).

A task whose true program scores well below the last beam cannot be reached by a few more beams; one whose program
is just below it can. The gap is in nats (log-probabilities summed over tokens, with the guide's bias).

    python -m benchmarks.frontier_gap --data heldout-d4-0.jsonl --beams 2048 [--weights DIR] [--tasks 30] [--out F]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import replace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="a held-out jsonl file")
    parser.add_argument("--beams", type=int, default=2048)
    parser.add_argument("--weights", help="weights folder (default: the shipped weights)")
    parser.add_argument("--tasks", type=int, default=30, help="tasks per depth (default %(default)s)")
    parser.add_argument("--out", help="also write one JSON line per task here")
    args = parser.parse_args(argv)

    import torch

    from arc_kernel.model.decode import DecodeSettings
    from arc_kernel.model.evaluate import _load_examples, first_success
    from arc_kernel.model.source import ModelSourceSettings, load_decoder

    torch.set_num_threads(1)
    decoder = load_decoder(ModelSourceSettings(weights=args.weights, threads=1))
    settings = replace(DecodeSettings(), beams=args.beams)
    out = open(args.out, "w") if args.out else None
    gaps: dict[bool, list[float]] = {True: [], False: []}
    for depth, examples in sorted(_load_examples(args.data, args.tasks).items()):
        for index, example in enumerate(examples):
            proposals = decoder.whole([example], settings)[0]
            scores = sorted((p.score for p in proposals), reverse=True)
            true_score = decoder.program_scores(example, [example.program], settings)[0]
            solved = first_success(proposals[:32], example) is not None
            row = {"depth": depth, "index": index, "solved": solved, "true_score": round(true_score, 2),
                   "best_beam": round(scores[0], 2), "last_beam": round(scores[-1], 2),
                   "gap": round(scores[-1] - true_score, 2), "program": example.program}
            gaps[solved].append(row["gap"])
            print(json.dumps(row), file=out or sys.stdout, flush=True)
    for solved, values in gaps.items():
        if values:
            print(f"{'solved' if solved else 'unsolved'}: {len(values)} tasks, the true program a median "
                  f"{statistics.median(values):.1f} nats below the last beam (range {min(values):.1f} to {max(values):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
