"""Where step-by-step decoding puts the first solving program, task by task, for one depth.

    python -m benchmarks.step_positions DEPTH [--width 32] [--exact 64] [--later 4] [--per-depth 30] [--data PATH]

Prints, per task, the position of the first proposal that reproduces every demo and the test output (None: none
does), how many programs were proposed and how many reproduce every demo, then the count solved within 1, 8, 32
and any number of proposals. Without --data the tasks come from the frozen held-out set. One torch thread.
"""

from __future__ import annotations

import argparse

import torch

from arc_kernel.model.decode import DecodeSettings
from arc_kernel.model.evaluate import _load_examples, first_success
from arc_kernel.model.source import ModelSourceSettings, load_decoder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("depth", type=int)
    parser.add_argument("--width", type=int, default=32, help="partial programs kept per line")
    parser.add_argument("--beams", type=int, default=8, help="next lines per partial program")
    parser.add_argument("--exact", type=int, default=DecodeSettings.step_exact, help="DecodeSettings.step_exact")
    parser.add_argument("--later", type=int, default=DecodeSettings.step_heads_later, help="line starts per later line")
    parser.add_argument("--per-depth", type=int, default=30)
    parser.add_argument("--data", help="a jsonl file instead of the frozen held-out set (e.g. the tuning set)")
    args = parser.parse_args()
    torch.set_num_threads(1)
    decoder = load_decoder(ModelSourceSettings(threads=1))
    examples = _load_examples(args.data, args.per_depth).get(args.depth, [])
    settings = DecodeSettings(step_width=args.width, step_beams=args.beams, step_exact=args.exact,
                              step_heads_later=args.later)
    positions = []
    for example in examples:
        proposals = decoder.step_by_step(example, settings)
        position = first_success(proposals, example)
        positions.append(position)
        verified = sum(p.verified for p in proposals)
        print(position, len(proposals), verified, example.program.replace("\n", "; "), flush=True)
    for k in (1, 8, 32, None):
        solved = sum(1 for p in positions if p is not None and (k is None or p <= k))
        print(f"within {k or 'any'}: {solved}/{len(positions)}")


if __name__ == "__main__":
    main()
