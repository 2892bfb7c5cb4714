"""`score`: validate a submission and score it against known test outputs."""

from __future__ import annotations

import argparse
import sys

from ..datasets import DATASET_NAMES, load_dataset, load_solutions
from ..submission import read_submission, score_submission, validate_submission


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--submission", required=True, metavar="PATH")
    truth = parser.add_mutually_exclusive_group(required=True)
    truth.add_argument("--dataset", choices=DATASET_NAMES, metavar="NAME", help=f"one of: {', '.join(DATASET_NAMES)}")
    truth.add_argument("--solutions", metavar="PATH", help="Kaggle-style solutions JSON")


def main(args: argparse.Namespace) -> int:
    """Scores the tasks the submission holds (a partial run scores like `solve` printed it)."""
    try:
        submission = read_submission(args.submission)
        solutions = load_dataset(args.dataset).solutions() if args.dataset else load_solutions(args.solutions)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if not isinstance(submission, dict):
        print(f"invalid submission: it is {type(submission).__name__}, not an object keyed by task id", file=sys.stderr)
        return 1
    present = {i: outputs for i, outputs in solutions.items() if i in submission}
    problems = validate_submission(submission, {i: len(outputs) for i, outputs in present.items()})
    for problem in problems:
        print(f"invalid submission: {problem}", file=sys.stderr)
    if len(present) < len(solutions):
        print(f"note: scoring the {len(present)} tasks in the submission; "
              f"{len(solutions) - len(present)} other tasks with known outputs are not in it", file=sys.stderr)
    print(score_submission(submission, present).line())
    return 1 if problems else 0
