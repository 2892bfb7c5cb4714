"""Where decoding spends its time: cProfile of both modes on the first held-out tasks of one depth.

    python -m benchmarks.profile_decode [--weights DIR] [--depth 3] [--tasks 2] [--top 30] [--beams 512]

On the GPU when there is one. Prints each task's seconds per mode (--beams whole-program beams, default 512; a
32 × 8 step-by-step frontier, as `model evaluate` decodes), then the functions with the most cumulative time.
The first task also pays for warm-up.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from dataclasses import replace

from arc_kernel.model.decode import DecodeSettings
from arc_kernel.model.evaluate import _load_examples
from arc_kernel.model.source import ModelSourceSettings, load_decoder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", default=None)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=2)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--beams", type=int, default=512)
    args = parser.parse_args()
    decoder = load_decoder(ModelSourceSettings(weights=args.weights, threads=1))
    print(f"device {decoder.device}", flush=True)
    examples = _load_examples(None, args.tasks)[args.depth]
    settings = DecodeSettings()
    whole = replace(settings, beams=args.beams)
    step = replace(settings, step_width=32, step_beams=8, max_lines=8)
    profile = cProfile.Profile()
    for example in examples:
        for mode in ("whole", "step"):
            start = time.perf_counter()
            profile.enable()
            proposals = decoder.whole([example], whole)[0] if mode == "whole" else decoder.step_by_step(example, step)
            profile.disable()
            took = time.perf_counter() - start
            print(f"{mode}: {took:.2f} s, {len(proposals)} programs, {len(proposals) / took:.0f} programs/s", flush=True)
    pstats.Stats(profile).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
