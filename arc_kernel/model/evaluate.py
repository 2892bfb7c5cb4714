"""`python -m arc_kernel model evaluate|rebuild`: measure the shipped weights by depth, or retrain them.

    python -m arc_kernel model evaluate [--k 32] [--per-depth 20] [--report PATH] [--weights DIR]

success@j at depth d: the share of held-out synthetic tasks of depth d for which one of the first j
distinct programs proposed reproduces every demo pair and the test output. Whole-program decoding runs one beam
search of --whole-beams beams (2048 since session 17; 512 in sessions 11–16, k before) on the task as given, and
since session 18 one of --view-beams (512) on each of its seven turned or mirrored views (views.py; --views 1: none)
and on each of --colour-views recolourings (default 0), their programs ranked after the task's own; step-by-step
decoding keeps min(k, 32) partial programs (8 before session 9) with min(k, 8) next lines each. Both list the
programs that reproduce every demo first (the decoder runs each proposal on the demos; since session 9), then by
score, and only the first k count. The last line printed is `model: depth1 A%, ..., depth6 F% at k=K`, taking for
each depth the best of the two modes and of both lists ranked together.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

DEPTHS = (1, 2, 3, 4, 5, 6)
MODES = ("whole", "step")


def solves(proposal, example) -> bool:
    """Right on every demo pair and on every test output."""
    return proposal.verified and len(proposal.test_outputs) == len(example.test_outputs) and all(
        o is not None and o.shape == t.shape and np.array_equal(o, t)
        for o, t in zip(proposal.test_outputs, example.test_outputs)
    )


def first_success(proposals, example) -> int | None:
    """1-based position of the first solving proposal, or None."""
    return next((i for i, p in enumerate(proposals, start=1) if solves(p, example)), None)


def evaluate(decoder, examples_by_depth: dict, k: int, modes=MODES, progress: bool = True,
             settings=None, step_width: int = 32, step_beams: int = 8, whole_beams: int | None = None,
             on_task=None) -> dict:
    """Per mode and depth: tasks, success@j for j in (1, 8, 32) up to k, seconds, programs proposed and each
    task's first solving position (None: unsolved). With both modes a third, "both", ranks the two lists together
    as `solve` gets them (whole-program first, those reproducing every demo ahead; its seconds are the sum).

    `settings` (a DecodeSettings) gives the guide, palette and repair options; whole-program decoding runs
    `whole_beams` beams (default k), and step-by-step decoding keeps `step_width` partial programs with `step_beams`
    next lines each (at most k); either way the first k proposals, those reproducing every demo first, count.
    `on_task`, if given, is called with a dict per task and mode as each is decoded (depth, index, mode, seconds,
    programs, position), so a run cut short still leaves its figures."""
    from dataclasses import replace

    from tqdm import tqdm

    from arc_kernel.model.decode import DecodeSettings

    settings = settings or DecodeSettings()
    whole = replace(settings, beams=whole_beams or k)
    step = replace(settings, step_width=min(k, step_width), step_beams=min(k, step_beams), max_lines=8)
    cutoffs = [j for j in (1, 8, 32) if j <= k] + ([k] if k not in (1, 8, 32) else [])
    reported = tuple(modes) + (("both",) if set(MODES) <= set(modes) else ())
    table: dict = {mode: {} for mode in reported}
    bar = tqdm(total=sum(len(v) for v in examples_by_depth.values()) * len(modes), disable=not progress,
               desc="evaluate", unit="task")
    for depth, examples in sorted(examples_by_depth.items()):
        positions: dict = defaultdict(list)
        seconds: dict = defaultdict(float)
        proposed: dict = defaultdict(int)
        for example in examples:
            lists = {}
            for mode in modes:
                start = time.perf_counter()
                lists[mode] = decoder.whole([example], whole)[0] if mode == "whole" else decoder.step_by_step(example, step)
                took = time.perf_counter() - start
                seconds[mode] += took
                bar.update(1)
                if on_task:
                    on_task({"depth": depth, "index": len(positions[mode]), "mode": mode, "seconds": round(took, 3),
                             "programs": len(lists[mode]), "position": first_success(lists[mode][:k], example)})
            if "both" in reported:
                lists["both"] = union(lists["whole"], lists["step"])
                seconds["both"] = seconds["whole"] + seconds["step"]
            for mode, proposals in lists.items():
                proposed[mode] += len(proposals)
                positions[mode].append(first_success(proposals[:k], example))
        n = max(len(examples), 1)
        for mode in reported:
            hits = {j: sum(1 for p in positions[mode] if p is not None and p <= j) for j in cutoffs}
            table[mode][depth] = {
                "tasks": len(examples), **{f"success@{j}": round(100 * hits[j] / n, 1) for j in cutoffs},
                "seconds": round(seconds[mode], 2), "programs": proposed[mode],
                "programs_per_second": round(proposed[mode] / seconds[mode], 1) if seconds[mode] else None,
                "positions": positions[mode],
            }
    bar.close()
    return table


def union(first: list, second: list) -> list:
    """Two proposal lists as one: distinct programs, those reproducing every demo first, each part in list order."""
    seen: set[str] = set()
    merged = []
    for proposal in [*first, *second]:
        if proposal.program not in seen:
            seen.add(proposal.program)
            merged.append(proposal)
    return sorted(merged, key=lambda p: not p.verified)


def summary_line(table: dict, k: int) -> str:
    """`model: depth1 A%, ... at k=K`, the best mode per depth ("both", the two lists together, included)."""
    parts = []
    for depth in DEPTHS:
        rates = [table[m][depth][f"success@{k}"] for m in table if depth in table[m]]
        parts.append(f"depth{depth} {max(rates):.0f}%" if rates else f"depth{depth} n/a")
    return f"model: {', '.join(parts)} at k={k}"


def _load_examples(data: str | None, per_depth: int) -> dict:
    from arc_kernel.model.examples import example_from_record, read_examples

    if data:
        examples = read_examples([data])
    else:
        from arc_kernel.synthesis import load_heldout

        examples = [e for e in (example_from_record(r) for r in load_heldout()) if e is not None]
    by_depth: dict[int, list] = defaultdict(list)
    for example in examples:
        if example.depth in DEPTHS and len(by_depth[example.depth]) < per_depth:
            by_depth[example.depth].append(example)
    return dict(by_depth)


def run_evaluate(args: argparse.Namespace) -> int:
    from dataclasses import asdict, replace

    import torch

    from arc_kernel.model.decode import DecodeSettings
    from arc_kernel.model.source import ModelSourceSettings, load_decoder

    torch.set_num_threads(args.threads)
    try:
        decoder = load_decoder(ModelSourceSettings(weights=args.weights, threads=args.threads,
                                                   load_in_4bit=args.load_in_4bit, guide=not args.no_guide))
    except (FileNotFoundError, OSError, ValueError) as error:
        print(f"error: cannot load the model weights: {error}", file=sys.stderr)
        return 2
    examples = _load_examples(args.data, args.per_depth)
    settings = DecodeSettings(palette_only=not args.all_colours, task_integers=not args.all_integers)
    if args.guide_strength is not None:
        settings = replace(settings, guide_strength=args.guide_strength, step_guide_strength=args.guide_strength)
    if args.repair_variants is not None:
        settings = replace(settings, repair_variants=args.repair_variants)
    if args.repair_programs is not None:
        settings = replace(settings, repair_programs=args.repair_programs)
    settings = replace(settings, repair_calls=not args.no_repair_calls, repair_recolor=not args.no_recolor)
    settings = replace(settings, views=args.views, view_beams=args.view_beams, colour_views=args.colour_views)
    if args.skeleton_cap is not None:
        settings = replace(settings, step_skeleton_cap=args.skeleton_cap)
    if args.step_closeness is not None:
        settings = replace(settings, step_closeness=args.step_closeness)
    if args.step_heads is not None:
        settings = replace(settings, step_heads=args.step_heads[0], step_heads_later=args.step_heads[1])
    if args.step_exact is not None:
        settings = replace(settings, step_exact=args.step_exact)
    if args.completion_seconds is not None:
        settings = replace(settings, completion_seconds=args.completion_seconds)
    if args.completion_bits is not None:
        settings = replace(settings, completion_bits=args.completion_bits)
    if args.guide_limit is not None:
        settings = replace(settings, guide_limit=args.guide_limit, step_guide_limit=args.guide_limit)
    task_log = open(args.task_log, "a") if args.task_log else None

    def log_task(row: dict) -> None:
        task_log.write(json.dumps(row) + "\n")
        task_log.flush()

    table = evaluate(decoder, examples, args.k, tuple(args.modes), progress=not args.no_progress, settings=settings,
                     step_width=args.step_width, step_beams=args.step_beams, whole_beams=args.whole_beams,
                     on_task=log_task if task_log else None)
    if task_log:
        task_log.close()
    for mode, rows in table.items():
        for depth, row in rows.items():
            print(f"{mode:5s} depth{depth}: " + ", ".join(f"{key} {value}" for key, value in row.items()
                                                         if key != "positions"))
    line = summary_line(table, args.k)
    if args.report:
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        device = torch.cuda.get_device_name() if torch.cuda.is_available() else f"cpu, {args.threads} threads"
        Path(args.report).write_text(json.dumps({"k": args.k, "per_depth": args.per_depth, "device": device,
                                                 "guide": not args.no_guide, "settings": asdict(settings),
                                                 "step_width": args.step_width, "step_beams": args.step_beams,
                                                 "whole_beams": args.whole_beams,
                                                 "weights": args.weights, "data": args.data,
                                                 "load_in_4bit": args.load_in_4bit, "table": table, "summary": line},
                                                indent=2) + "\n")
    print(line)
    return 0


# ---------------------------------------------------------------- rebuilding the shipped weights

GPU_ADAPTER = dict(stage="adapter", steps=2000, batch_size=64, lr=5e-4, warmup=20, step_fraction=0.7, eval_every=10**9,
                   eval_tasks=16, save_every=10**9, workers=14, threads=2, time_limit=30)
PROFILES = {
    # 2-core CPU, about 27 minutes: the small default network, 256-token sources
    "cpu": {
        "base": dict(stage="base", steps=3600, batch_size=16, lr=2e-3, warmup=100, step_fraction=0.6, whole_depth_max=3,
                     eval_every=1000, eval_tasks=16, save_every=500, threads=2, time_limit=1560),
        # the base trained on, with continue_data added, at a lower rate and more next-line examples (75 minutes)
        "continue": dict(stage="base", steps=100000, batch_size=16, lr=1e-3, warmup=50, step_fraction=0.75,
                         whole_depth_max=3, eval_every=1000, eval_tasks=16, save_every=500, workers=1, threads=1,
                         time_limit=4500),
        "adapter": dict(stage="adapter", steps=240, batch_size=16, lr=1e-3, warmup=10, step_fraction=0.6,
                        eval_every=240, eval_tasks=16, save_every=120, threads=2, time_limit=240),
        "continue_data": ["data/synthetic-big/shard-0000[0-3].jsonl"],  # added for the "continue" stage
    },
    # one GPU with bf16: the medium network (6 M parameters, 384-token sources, grid positions) trained from scratch
    # for 370 s in batches of 512 (the shipped weights, session 16; session 10 used 128 at lr 1.5e-3 and was bound by
    # steps per second), then the adapter; float16 files. (Sessions 1 and 7 trained the large network here, a plain base then
    # continued with grid positions: BENCHMARKS.md, Model.)
    "gpu": {
        "base": dict(stage="base", size="medium", steps=100000, batch_size=512, lr=2e-3, warmup=200,
                     step_fraction=0.7, eval_every=1000, eval_tasks=16, save_every=10**9, workers=14, threads=2,
                     time_limit=370, save_half=True),
        "adapter": {**GPU_ADAPTER, "save_half": True},
        "continue_data": [],
    },
    # one GPU with bf16: a trained base (--from-base, e.g. the small network shipped in sessions 5–15) continued for
    # 340 s in batches of 512 on a larger corpus (uniform- and library-prior records; BENCHMARKS.md, session 14), then
    # the adapter; float32 files, as the base was
    "gpu-continue": {
        "continue": dict(stage="base", steps=10**6, batch_size=512, lr=2e-3, warmup=200, step_fraction=0.7,
                         eval_every=10**9, eval_tasks=16, save_every=10**9, workers=14, threads=2, time_limit=340),
        "adapter": GPU_ADAPTER,
        "continue_data": [],
    },
    # one GPU with bf16: the shipped medium base (--from-base weights/model) trained on for 330 s more at half the first
    # run's peak rate (session 18), then a new adapter; float16 files, as shipped
    "gpu-more": {
        "continue": dict(stage="base", steps=10**6, batch_size=512, lr=1e-3, warmup=100, step_fraction=0.7,
                         eval_every=10**9, eval_tasks=16, save_every=10**9, workers=14, threads=2, time_limit=330,
                         save_half=True),
        "adapter": {**GPU_ADAPTER, "save_half": True},
        "continue_data": [],
    },
}
SHIPPED_DATA = ["data/synthetic/*.jsonl", "data/synthetic-d123/*.jsonl"]  # see weights/README.md for the generate commands


def run_rebuild(args: argparse.Namespace) -> int:
    """Train the base (then continue it, where the profile says), then the adapter; copy base and adapter into --out."""
    from arc_kernel.model.train import TrainConfig, train

    runs, out, profile = Path(args.runs), Path(args.out), PROFILES[args.profile]
    eval_data = [args.eval_data] if args.eval_data else None
    common = {"eval_data": eval_data, "exclude": args.exclude}
    base_limit = {"time_limit": args.base_seconds} if args.base_seconds else {}
    adapter_limit = {"time_limit": args.adapter_seconds} if args.adapter_seconds else {}
    if args.from_base:  # a base trained before: only the stages after it run
        base = Path(args.from_base)
    elif "base" not in profile:
        raise SystemExit(f"profile {args.profile} continues a trained base: give --from-base DIR")
    else:
        train(TrainConfig(data=args.data, out=str(runs / "base"), **common, **{
            "grid_positions": args.grid_positions, "pair_images": args.pair_images, **profile["base"], **base_limit}))
        base = runs / "base" / "final"
    if "continue" in profile and args.continue_seconds != 0:
        limit = {"time_limit": args.continue_seconds} if args.continue_seconds else {}
        extra = profile["continue_data"] if args.continue_data is None else args.continue_data
        train(TrainConfig(data=args.data + extra, out=str(runs / "continued"), base=str(base), **common,
                          **{**profile["continue"], **limit}))
        base = runs / "continued" / "final"
    train(TrainConfig(data=args.adapter_data or args.data, out=str(runs / "adapter"), base=str(base), **common,
                      **{**profile["adapter"], **adapter_limit}))
    for name, source in (("model", base), ("adapter", runs / "adapter" / "final")):
        shutil.rmtree(out / name, ignore_errors=True)
        shutil.copytree(source, out / name)
    (out / "adapter" / "README.md").unlink(missing_ok=True)  # peft's empty model-card template; weights/README.md says it all
    print(f"wrote {out / 'model'} and {out / 'adapter'}")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    ev = actions.add_parser("evaluate", help="success@k by depth on the held-out synthetic set")
    ev.add_argument("--k", type=int, default=32, help="programs per task (default %(default)s)")
    ev.add_argument("--per-depth", type=int, default=20, help="held-out tasks per depth (default %(default)s)")
    ev.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    ev.add_argument("--weights", help="weights folder with model/ and adapter/ (default: the shipped weights)")
    ev.add_argument("--data", help="a held-out jsonl file (default: synthesis.load_heldout())")
    ev.add_argument("--report", metavar="PATH", help="write the table as JSON")
    ev.add_argument("--task-log", metavar="PATH",
                    help="append one JSON line per task and mode as it is decoded (seconds, programs, position): "
                         "what a run stopped at a time limit has measured")
    ev.add_argument("--threads", type=int, default=2)
    ev.add_argument("--load-in-4bit", action="store_true", help="4-bit weights through bitsandbytes (CUDA only)")
    ev.add_argument("--no-guide", action="store_true", help="decode without the search guide's primitive prior")
    ev.add_argument("--guide-strength", type=float,
                    help="bits of bias per bit of guide likelihood ratio, both modes (default: DecodeSettings')")
    ev.add_argument("--guide-limit", type=float, help="largest bias of one primitive token in bits, both modes")
    ev.add_argument("--repair-variants", type=int, metavar="N",
                    help="variants (other constants or primitives) tried per proposal that misses a demo "
                         "(0: no repair; default: DecodeSettings')")
    ev.add_argument("--repair-programs", type=int, metavar="N",
                    help="proposals repaired per task, best first (default: DecodeSettings')")
    ev.add_argument("--no-repair-calls", action="store_true", help="repair constants only, not primitives")
    ev.add_argument("--no-recolor", action="store_true",
                    help="do not finish programs whose outputs are the demos' up to one colour map with that map")
    ev.add_argument("--step-heads", type=int, nargs=2, metavar=("FIRST", "LATER"),
                    help="line starts (target, primitive) the beams of the first line and of each later line's "
                         "partial program are split over (0: one beam search; default: DecodeSettings')")
    ev.add_argument("--step-exact", type=int, metavar="N",
                    help="score every completion of a line start that has at most N (0: beam search only; "
                         "default: DecodeSettings')")
    ev.add_argument("--whole-beams", type=int, default=2048, metavar="N",
                    help="whole-program beams (default %(default)s); the first k proposals count, those that "
                         "reproduce every demo first")
    ev.add_argument("--views", type=int, default=8, choices=range(1, 9), metavar="N",
                    help="whole programs: decode the task through N of the 8 symmetries of the square, programs mapped "
                         "back and ranked after the task's own (views.py; default %(default)s; 1: the task as given)")
    ev.add_argument("--view-beams", type=int, default=512, metavar="N",
                    help="beams of each view but the task as given (default %(default)s; 0: --whole-beams)")
    ev.add_argument("--colour-views", type=int, default=0, choices=range(0, 9), metavar="N",
                    help="whole programs: also decode the task through N permutations of the colours 1-9, --view-beams "
                         "beams each (views.COLOUR_VIEWS; default %(default)s)")
    ev.add_argument("--step-width", type=int, default=32, help="partial programs kept per line (default %(default)s)")
    ev.add_argument("--step-beams", type=int, default=8,
                    help="next lines per partial program (default %(default)s; the first line gets width × beams)")
    ev.add_argument("--step-closeness", type=float, metavar="NATS",
                    help="step-by-step: keep partial programs by log-probability plus NATS times their latest grid's "
                         "gain in closeness to the demo outputs (DecodeSettings.step_closeness; default 0)")
    ev.add_argument("--skeleton-cap", type=int, metavar="N",
                    help="partial programs kept per skeleton (0: no cap; default: DecodeSettings')")
    ev.add_argument("--completion-seconds", type=float, metavar="S",
                    help="step-by-step: then search S seconds from every partial program's values (completion.py; "
                         "default: DecodeSettings')")
    ev.add_argument("--completion-bits", type=float, metavar="B",
                    help="seed cost in bits per bit of the decoder's -log-probability (default: DecodeSettings')")
    ev.add_argument("--all-colours", action="store_true", help="colour literals not limited to the task's palette")
    ev.add_argument("--all-integers", action="store_true",
                    help="integer literals -30..30, not limited to small ones and the task's size constants")
    ev.add_argument("--no-progress", action="store_true")
    rb = actions.add_parser("rebuild", help="retrain the shipped weights (base, then adapter) and copy them to --out")
    rb.add_argument("--data", nargs="+", default=SHIPPED_DATA, metavar="GLOB", help="jsonl shards (default %(default)s)")
    rb.add_argument("--eval-data", help="held-out jsonl for periodic evaluation (default: the frozen held-out set)")
    rb.add_argument("--exclude", nargs="+", default=[], metavar="GLOB",
                    help="records whose programs no stage trains on (e.g. 'data/tune*/*.jsonl', the tuning sets)")
    rb.add_argument("--runs", default="runs/model", help="run directories (default %(default)s)")
    rb.add_argument("--out", default="weights", help="where the weights go (default %(default)s)")
    rb.add_argument("--profile", choices=sorted(PROFILES), default="cpu",
                    help="training settings: cpu (small network, ~27 + 75 + 4 min on 2 cores), gpu (medium network, "
                         "~9 min on an H200) or gpu-continue (--from-base continued, ~8 min)")
    rb.add_argument("--no-grid-positions", dest="grid_positions", action="store_false",
                    help="a plain T5 base without grid-coordinate embeddings (as the small network shipped in sessions "
                         "5–15 is)")
    rb.add_argument("--pair-images", action="store_true",
                    help="a base with the CNN over each pair's aligned grids (pair_images.py; an experiment)")
    rb.add_argument("--base-seconds", type=float, help="time limit of the base stage (default: the profile's)")
    rb.add_argument("--from-base", metavar="DIR", help="skip the base stage: continue this trained base instead")
    rb.add_argument("--continue-data", nargs="*", metavar="GLOB",
                    help="shards added for the continued base training (default: the profile's)")
    rb.add_argument("--continue-seconds", type=float,
                    help="time limit of the continued base training (default: the profile's; 0 skips it)")
    rb.add_argument("--adapter-data", nargs="+", metavar="GLOB",
                    help="shards for the adapter stage (default: --data; only mutate/relabel/search records are used)")
    rb.add_argument("--adapter-seconds", type=float, help="time limit of the adapter stage (default: the profile's)")


def main(args: argparse.Namespace) -> int:
    return run_evaluate(args) if args.action == "evaluate" else run_rebuild(args)
