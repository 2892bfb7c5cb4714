"""The commands of `python -m arc_kernel` (see arc_kernel/cli.py), and the options they share for choosing tasks."""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from ..datasets import DATASET_NAMES, TaskSet, load_challenges, load_dataset, load_folder


def add_task_arguments(parser: argparse.ArgumentParser) -> None:
    """--dataset NAME | --challenges PATH [--solutions PATH]: where the tasks come from."""
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--dataset", choices=DATASET_NAMES, metavar="NAME", help=f"one of: {', '.join(DATASET_NAMES)}")
    where.add_argument("--challenges", metavar="PATH", help="Kaggle-style challenges JSON, or a folder of task JSON files")
    parser.add_argument("--solutions", metavar="PATH", help="Kaggle-style solutions JSON for --challenges")


def load_tasks(args: argparse.Namespace) -> TaskSet:
    """The TaskSet that --dataset / --challenges / --solutions name (ValueError when it cannot be read)."""
    if args.dataset:
        if args.solutions:
            raise ValueError("--solutions goes with --challenges; named datasets carry their own test outputs")
        return load_dataset(args.dataset)
    path = Path(args.challenges)
    if path.is_dir():
        if args.solutions:
            raise ValueError("--solutions goes with a challenges file; task files in a folder carry their own outputs")
        return load_folder(path)
    return load_challenges(path, args.solutions)


def add_selection_arguments(parser: argparse.ArgumentParser) -> None:
    """--tasks ID,... --sample N --limit N: which of the loaded tasks to use."""
    parser.add_argument("--tasks", metavar="ID,...", help="only these task ids (comma-separated)")
    parser.add_argument(
        "--sample", type=int, metavar="N",
        help="N tasks drawn as random.Random(0).sample(sorted ids, N) (N=100 on arc1-eval: the measuring sample)",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N task ids in sorted order")


def select_ids(ids: list[str], args: argparse.Namespace) -> list[str]:
    """Apply --tasks, then --sample, then --limit to sorted task ids."""
    ids = sorted(ids)
    if args.tasks:
        wanted = sorted({t.strip() for t in args.tasks.split(",") if t.strip()})
        known = set(ids)
        unknown = [t for t in wanted if t not in known]
        if unknown:
            raise ValueError(f"unknown task ids: {', '.join(unknown)}")
        ids = wanted
    if args.sample is not None:
        ids = sorted(random.Random(0).sample(ids, min(args.sample, len(ids))))
    if args.limit is not None:
        ids = ids[: args.limit]
    return ids
