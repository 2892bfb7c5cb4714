"""`show`: print a task's grids (and a submission's predictions) in the terminal, optionally as a PNG."""

from __future__ import annotations

import argparse
import os
import sys

from ..render import save_task_png, task_text
from ..submission import read_submission
from ..task import TaskError, grid_from_json
from . import add_task_arguments, load_tasks


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task_id", metavar="TASK_ID")
    add_task_arguments(parser)
    parser.add_argument("--submission", metavar="PATH", help="also show this submission's attempts")
    parser.add_argument("--png", metavar="PATH", help="render the task (and attempts) to this PNG")
    parser.add_argument("--digits", action="store_true", help="digits instead of colour blocks")


def _predictions(submission, task_id: str) -> list[tuple]:
    """(attempt_1, attempt_2) grids per test input from a submission object; None for an invalid attempt."""
    def grid(entry, key):
        try:
            return grid_from_json(entry.get(key), key) if isinstance(entry, dict) else None
        except TaskError:
            return None

    entries = submission.get(task_id) if isinstance(submission, dict) else None
    return [(grid(e, "attempt_1"), grid(e, "attempt_2")) for e in entries] if isinstance(entries, list) else []


def main(args: argparse.Namespace) -> int:
    try:
        task_set = load_tasks(args)
        submission = read_submission(args.submission) if args.submission else None
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.task_id in task_set.errors:
        print(f"error: {task_set.errors[args.task_id]}", file=sys.stderr)
        return 1
    if args.task_id not in task_set.tasks:
        print(f"error: no task {args.task_id} in {task_set.name}", file=sys.stderr)
        return 2
    task = task_set.tasks[args.task_id]
    predictions = _predictions(submission, task.id) if submission is not None else None
    colour = not args.digits and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    print(task_text(task, predictions, colour))
    if args.png:
        save_task_png(task, args.png, predictions)
        print(f"wrote {args.png}")
    return 0
