"""`python -m arc_kernel search`: rebuild the prior or the guide, or search tasks and report speed."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from arc_kernel.commands import add_selection_arguments, add_task_arguments, load_tasks, select_ids
from arc_kernel.search.enumeration import SearchConfig, SearchStats
from arc_kernel.search.guide import GUIDE_PATH, GuideConfig, build_guide, load_guide
from arc_kernel.search.prior import PRIOR_PATH, Prior, load_prior, rebuild_prior, write_prior
from arc_kernel.search.shapes import measure_shape_preserving, shape_candidates, write_shape_preserving
from arc_kernel.search.source import guided_prior, search_task
from arc_kernel.search.timing import measure_call_seconds, training_sample


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("prior", help=f"re-estimate the prior from the solver library into {PRIOR_PATH.name}")
    timing = sub.add_parser("timing", help="measure each primitive's seconds per call on ARC-1 training tasks "
                                           f"into {PRIOR_PATH.name}")
    timing.add_argument("--tasks", type=int, default=40, help="training tasks to search (default %(default)s)")
    timing.add_argument("--seconds", type=float, default=1.0, help="search time per task (default %(default)s)")
    shapes = sub.add_parser("shapes", help="measure which grid primitives keep their first grid's shape "
                                           f"on ARC-1 training tasks into {PRIOR_PATH.name}")
    shapes.add_argument("--tasks", type=int, default=40, help="training tasks to search (default %(default)s)")
    shapes.add_argument("--seconds", type=float, default=0.5, help="search time per task (default %(default)s)")
    guide = sub.add_parser("guide", help="train the guide (task features -> primitive probabilities) into "
                                         f"{GUIDE_PATH.name} and report how it ranks held-out programs' primitives")
    guide.add_argument("--data", nargs="+", default=["data/synthetic-big/*.jsonl", "data/synthetic-big2/*.jsonl"],
                       help="synthetic record shards (globs; default %(default)s)")
    guide.add_argument("--limit", type=int, default=None, help="read at most this many synthetic records")
    guide.add_argument("--epochs", type=int, default=GuideConfig().epochs)
    guide.add_argument("--library-weight", type=float, default=GuideConfig().library_weight,
                       help="weight of each solver-library task against one synthetic record (0: leave the library out; "
                            "default %(default)s)")
    guide.add_argument("--out", type=Path, default=GUIDE_PATH, help="where to write the guide (default: the package's)")
    run = sub.add_parser("run", help="search tasks one by one; print programs found and search speed")
    add_task_arguments(run)
    add_selection_arguments(run)
    run.add_argument("--seconds", type=float, default=10.0, help="search time per task (default %(default)s)")
    run.add_argument("--symmetries", action="store_true", help="also search under the 7 other rotations/reflections")
    run.add_argument("--shallow-share", type=float, default=SearchConfig().shallow_share,
                     help="time share of the first phase over cheap whole-grid transforms (0: off; default %(default)s)")
    run.add_argument("--no-goal-directed", action="store_true",
                     help="make each value at the step of its own cost, not cost + its type's distance to a Grid")
    run.add_argument("--no-shape-directed", action="store_true",
                     help="do not delay shape-keeping calls on grids of another shape than the outputs")
    run.add_argument("--no-guide", action="store_true", help="search with the static prior only (no per-task guide)")
    run.add_argument("--guide", type=Path, default=GUIDE_PATH, help="the guide file to use (default: the package's)")
    run.add_argument("--quiet", action="store_true", help="print only the summary")


def _right(candidate, task) -> bool:
    return task.test_outputs is not None and all(
        a.shape == b.shape and (a == b).all() for a, b in zip(candidate.outputs, task.test_outputs)
    )


def main(args: argparse.Namespace) -> int:
    if args.action == "prior":
        prior = rebuild_prior()
        print(f"wrote {PRIOR_PATH}: {len(prior.costs)} costs, default {prior.default:.2f} bits")
        return 0
    if args.action == "timing":
        prior = load_prior()
        seconds = measure_call_seconds(training_sample(args.tasks), args.seconds, prior)
        timed = Prior(prior.costs, prior.default, seconds)
        write_prior(timed, PRIOR_PATH)
        slowest = sorted(seconds, key=seconds.get, reverse=True)[:5]
        print(f"wrote {PRIOR_PATH}: seconds per call of {len(seconds)} primitives, "
              f"median {timed.reference * 1e6:.0f} µs; "
              f"slowest: " + ", ".join(f"{n} +{timed.time_bits(n):.1f} bits" for n in slowest))
        return 0
    if args.action == "shapes":
        names = measure_shape_preserving(training_sample(args.tasks), args.seconds, load_prior())
        write_shape_preserving(names, PRIOR_PATH)
        print(f"wrote {PRIOR_PATH}: {len(names)} of {len(shape_candidates())} grid primitives "
              "keep their first grid's shape")
        return 0
    if args.action == "guide":
        return build_guide(args.data, args.limit, GuideConfig(epochs=args.epochs, library_weight=args.library_weight), args.out)
    try:
        task_set = load_tasks(args)
        ids = [i for i in select_ids(task_set.ids, args) if i in task_set.tasks]
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    config = replace(SearchConfig(), symmetries=args.symmetries, shallow_share=args.shallow_share,
                     goal_directed=not args.no_goal_directed, shape_directed=not args.no_shape_directed,
                     guided=not args.no_guide)
    prior = load_prior()
    guide = load_guide(args.guide) if config.guided else None
    if config.guided and guide is None:
        print(f"note: no usable guide at {args.guide}; searching with the static prior", file=sys.stderr)
    found, solved, all_stats = 0, 0, []
    for task_id in tqdm(ids, desc="searching", unit="task", disable=args.quiet):
        task = task_set.tasks[task_id]
        stats: list[SearchStats] = []
        start = time.monotonic()
        task_prior = prior if guide is None else guided_prior(guide, task, prior, config)
        candidates = [c for c in search_task(task, start + args.seconds, task_prior, config, stats) if c.verified]
        all_stats.extend(stats[:1])
        found += bool(candidates)
        right = any(_right(c, task) for c in sorted(candidates, key=lambda c: c.rank)[:2])
        solved += right
        if not args.quiet:
            best = min(candidates, key=lambda c: c.rank).program.replace("\n", "; ") if candidates else "-"
            s = stats[0] if stats else SearchStats()  # the first phase alone found enough
            tqdm.write(f"{task_id} {'RIGHT' if right else ('wrong' if candidates else '-    ')} "
                       f"{s.kept / max(s.seconds, 1e-9):7.0f} values/s  level {s.level:3d}  depth {s.depth}  {best}")
    rates = [s.kept / s.seconds for s in all_stats if s.seconds > 0]
    print(f"{len(ids)} tasks, {args.seconds:g} s each: {found} with a program fitting every demo, {solved} right (top-2); "
          f"median {statistics.median(rates) if rates else 0:.0f} distinct values/s, "
          f"median depth {statistics.median([s.depth for s in all_stats]) if all_stats else 0:g}, "
          f"median level {statistics.median([s.level for s in all_stats]) if all_stats else 0:g} bits")
    return 0
