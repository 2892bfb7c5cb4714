"""`solve`: solve tasks, write the submission, and print the score when the test outputs are known."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from ..journal import Journal, journal_path, read_journal
from ..runner import run_tasks
from ..solve import RANKINGS, Candidate, SolveConfig, malformed_result
from ..submission import score_submission, validate_submission, write_submission
from . import add_selection_arguments, add_task_arguments, load_tasks, select_ids


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_task_arguments(parser)
    parser.add_argument("--out", required=True, metavar="PATH", help="where to write submission.json")
    parser.add_argument("--time-per-task", type=float, default=SolveConfig.time_per_task, metavar="S",
                        help="seconds per task (default %(default)s)")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="worker processes (default: all cores; 0 = in this process, no hard time limit)")
    add_selection_arguments(parser)
    parser.add_argument("--report", metavar="PATH", help="write a JSON report with per-task details")
    parser.add_argument("--ranking", choices=RANKINGS, default=SolveConfig.ranking,
                        help="how candidates are ordered into the two attempts (solve.order_candidates; "
                             "default %(default)s)")
    parser.add_argument("--report-candidates", action="store_true",
                        help="the report lists every usable candidate of each task (program, source, demos right, "
                             "test outputs and whether each is right), to study how they are ranked "
                             "(benchmarks/ranking.py); tasks resumed from a journal list none")
    parser.add_argument("--seed", type=int, default=SolveConfig.seed)
    parser.add_argument("--no-search", action="store_true", help="do not use the search source")
    parser.add_argument("--no-model", action="store_true", help="do not use the model source")
    parser.add_argument("--no-model-seeds", action="store_true",
                        help="the search does not start from the model's partial programs (only from the input)")
    parser.add_argument("--no-model-widening", action="store_true",
                        help="the model decodes once at its first sizes instead of ever wider while its time share lasts")
    parser.add_argument("--no-guide", action="store_true",
                        help="no guide: search with the static prior, the model without the guide's primitive bias")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    parser.add_argument("--resume", action="store_true",
                        help="keep the results in OUT.journal.jsonl from an interrupted run with the same settings")


def run_settings(dataset: str, config: SolveConfig) -> dict:
    """What a run's results depend on, as its journal records it (JSON types)."""
    return json.loads(json.dumps({"dataset": dataset, **asdict(config)}))


def candidate_row(candidate: Candidate, solution: list | None) -> dict:
    """A candidate as the report lists it; `right` says which test outputs are correct, when they are known."""
    return {
        "program": candidate.program, "source": candidate.source, "rank": list(candidate.rank),
        "train_correct": candidate.train_correct, "train_total": candidate.train_total,
        "outputs": [o.tolist() for o in candidate.outputs],
        "right": None if solution is None else [
            o.shape == np.shape(t) and bool(np.array_equal(o, t)) for o, t in zip(candidate.outputs, solution)
        ],
    }


def main(args: argparse.Namespace) -> int:
    try:
        task_set = load_tasks(args)
        ids = select_ids(task_set.ids, args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    malformed = {i: task_set.errors[i] for i in ids if i in task_set.errors}
    for problem in malformed.values():
        print(f"skipping malformed {problem}", file=sys.stderr)
    config = SolveConfig(
        time_per_task=args.time_per_task, seed=args.seed, use_search=not args.no_search, use_model=not args.no_model,
        model_seeds=not args.no_model_seeds, model_widening=not args.no_model_widening,
        ranking=args.ranking, keep_candidates=args.report_candidates and bool(args.report),
    )
    config.search = replace(config.search, guided=not args.no_guide)

    workers = (os.cpu_count() or 1) if args.workers is None else args.workers
    settings = run_settings(task_set.name, config)
    try:
        done = read_journal(journal_path(args.out), settings) if args.resume else {}
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    done = {i: r for i, r in done.items() if i in ids}
    if done:
        print(f"resuming: {len(done)} of {len(ids)} tasks already solved in {journal_path(args.out)}")
    start = time.monotonic()
    tasks = [task_set.tasks[i] for i in ids if i in task_set.tasks and i not in done]
    journal = Journal(journal_path(args.out), settings, resume=args.resume)
    try:
        results = {**done, **run_tasks(tasks, config, workers=workers, progress=not args.no_progress,
                                       on_result=journal.append)}
    finally:
        journal.close()
    for task_id, problem in malformed.items():
        results[task_id] = malformed_result(task_id, task_set.test_count(task_id), problem)
    results = dict(sorted(results.items()))
    seconds = time.monotonic() - start

    submission = write_submission(args.out, results)
    journal_path(args.out).unlink(missing_ok=True)  # the submission now holds every result
    problems = validate_submission(submission, {i: task_set.test_count(i) for i in ids})
    for problem in problems:
        print(f"invalid submission: {problem}", file=sys.stderr)
    failed = [r for r in results.values() if r.error is not None]
    programs = sum(r.program is not None for r in results.values())
    print(f"wrote {args.out}: {len(ids)} tasks in {seconds:.1f}s, {programs} with a program, {len(failed)} with errors")

    solutions = {i: outputs for i, outputs in task_set.solutions().items() if i in results}
    score = score_submission(submission, solutions) if solutions else None
    if args.report:
        report = {
            "dataset": task_set.name,
            "tasks": len(ids),
            "solved_tasks": score.solved_tasks if score else None,
            "test_outputs": score.test_outputs if score else sum(task_set.test_count(i) for i in ids),
            "correct_outputs": score.correct_outputs if score else None,
            "seconds": round(seconds, 3),
            "config": asdict(config),
            "workers": workers,
            "per_task": {
                i: {
                    "solved": score.solved.get(i) if score else None,
                    "seconds": round(r.seconds, 3),
                    "program": r.program,
                    "source": r.source,
                    **({"error": r.error} if r.error is not None else {}),
                    **({"candidates": [candidate_row(c, solutions.get(i)) for c in r.candidates]}
                       if config.keep_candidates else {}),
                }
                for i, r in results.items()
            },
        }
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(json.dumps(report, indent=1))
    print(score.line() if score else "not scored: the test outputs of these tasks are unknown")
    return 1 if problems else 0
