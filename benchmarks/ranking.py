"""Re-rank the candidates a `solve` run recorded, under each of `solve.RANKINGS`, and score the attempts.

    python -m arc_kernel solve --dataset arc1-train --sample 200 --time-per-task 10 --workers 1 \\
        --out OUT.json --report REPORT.json --report-candidates
    python -m benchmarks.ranking REPORT.json[.gz] [...]

For each report: how many tasks some candidate solves (the best any ranking can do), the tasks each ranking solves
(the same candidates, only their order changes), and which tasks it gains and loses against 'sources' (the
default). A development tool: choose a ranking on training or synthetic tasks, never on the evaluation set.
"""

from __future__ import annotations

import gzip
import json
import sys

import numpy as np

from arc_kernel.datasets import load_dataset
from arc_kernel.solve import RANKINGS, Candidate, fallback_attempts, rank_candidates
from arc_kernel.submission import score_submission, submission_json


def candidates_from_report(rows: list[dict]) -> list[Candidate]:
    """The Candidates a report lists (solve --report-candidates), in arrival order."""
    return [
        Candidate(
            outputs=tuple(np.array(o, dtype=np.uint8) for o in row["outputs"]), program=row["program"],
            source=row["source"], rank=tuple(row["rank"]), train_correct=row["train_correct"],
            train_total=row["train_total"],
        )
        for row in rows
    ]


def solved_by_ranking(report: dict) -> dict[str, set[str]]:
    """Ranking -> the ids of the report's tasks its attempts solve."""
    tasks = load_dataset(report["dataset"])
    solutions = {i: t for i, t in tasks.solutions().items() if i in report["per_task"]}
    solved: dict[str, set[str]] = {}
    for ranking in RANKINGS:
        attempts = {}
        for task_id, row in report["per_task"].items():
            if "candidates" not in row:
                raise SystemExit(f"{task_id} has no candidates: run solve with --report-candidates")
            attempts[task_id] = rank_candidates(candidates_from_report(row["candidates"]),
                                                fallback_attempts(tasks.tasks[task_id]), ranking)
        score = score_submission(submission_json(attempts), solutions)
        solved[ranking] = {i for i, ok in score.solved.items() if ok}
    return solved


def solvable(report: dict) -> set[str]:
    """The tasks for which some candidate is right on each test output: what the best possible ranking solves."""
    return {
        task_id for task_id, row in report["per_task"].items()
        if row["candidates"] and all(any(c["right"][i] for c in row["candidates"])
                                     for i in range(len(row["candidates"][0]["right"])))
    }


def main(paths: list[str]) -> None:
    for path in paths:
        report = json.load(gzip.open(path, "rt") if path.endswith(".gz") else open(path))
        solved = solved_by_ranking(report)
        print(f"{path}: {report['tasks']} tasks of {report['dataset']}; as run: {report['solved_tasks']} solved; "
              f"some candidate right on every test output: {len(solvable(report))}")
        for ranking in RANKINGS:
            gained = sorted(solved[ranking] - solved["sources"])
            lost = sorted(solved["sources"] - solved[ranking])
            print(f"  {ranking:9s} {len(solved[ranking]):4d}  +{len(gained)} {' '.join(gained)}  -{len(lost)} {' '.join(lost)}")


if __name__ == "__main__":
    main(sys.argv[1:])
