"""Re-rank the candidates a `solve` run recorded, under each of `solve.RANKINGS`, and score the attempts.

    python -m arc_kernel solve --dataset arc1-train --sample 200 --time-per-task 10 --workers 1 \\
        --out OUT.json --report REPORT.json --report-candidates
    python -m benchmarks.ranking REPORT.json[.gz] [...] [--likelihood]

For each report: how many tasks some candidate solves (the best any ranking can do), the tasks each ranking solves
(the same candidates, only their order changes), and which tasks it gains and loses against 'sources' (the
default). `--likelihood` adds one more: every candidate ordered by the log-probability the decoder (the shipped
weights, or $ARC_KERNEL_WEIGHTS) gives its program (`ProgramDecoder.program_scores`). A development tool: choose a
ranking on training or synthetic tasks, never on the evaluation set.
"""

from __future__ import annotations

import argparse
import gzip
import json
from dataclasses import replace

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


def by_likelihood(candidates: list[Candidate], task, decoder) -> list[Candidate]:
    """The candidates with the decoder's log-probability of their programs as their rank (higher first)."""
    scores = decoder.program_scores(task, [c.program or "" for c in candidates]) if candidates else []
    return [replace(c, rank=(-score,)) for c, score in zip(candidates, scores)]


def solved_by_ranking(report: dict, decoder=None) -> dict[str, set[str]]:
    """Ranking -> the ids of the report's tasks its attempts solve ('likelihood' too, given a decoder)."""
    tasks = load_dataset(report["dataset"])
    solutions = {i: t for i, t in tasks.solutions().items() if i in report["per_task"]}
    solved: dict[str, set[str]] = {}
    for ranking in RANKINGS + (("likelihood",) if decoder is not None else ()):
        attempts = {}
        for task_id, row in report["per_task"].items():
            if "candidates" not in row:
                raise SystemExit(f"{task_id} has no candidates: run solve with --report-candidates")
            candidates, task = candidates_from_report(row["candidates"]), tasks.tasks[task_id]
            if ranking == "likelihood":
                candidates = by_likelihood(candidates, task, decoder)
            attempts[task_id] = rank_candidates(candidates, fallback_attempts(task),
                                                "sources" if ranking == "likelihood" else ranking)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="+", metavar="REPORT")
    parser.add_argument("--likelihood", action="store_true", help="also rank by the decoder's program log-probability")
    args = parser.parse_args()
    decoder = None
    if args.likelihood:
        from arc_kernel.model.source import ModelSourceSettings, load_decoder

        decoder = load_decoder(ModelSourceSettings(threads=1))
    for path in args.reports:
        report = json.load(gzip.open(path, "rt") if path.endswith(".gz") else open(path))
        solved = solved_by_ranking(report, decoder)
        print(f"{path}: {report['tasks']} tasks of {report['dataset']}; as run: {report['solved_tasks']} solved; "
              f"some candidate right on every test output: {len(solvable(report))}")
        for ranking in solved:
            gained = sorted(solved[ranking] - solved["sources"])
            lost = sorted(solved["sources"] - solved[ranking])
            print(f"  {ranking:10s} {len(solved[ranking]):4d}  +{len(gained)} {' '.join(gained)}  -{len(lost)} {' '.join(lost)}")


if __name__ == "__main__":
    main()
