"""Kaggle's submission.json: write it, validate it, score it against known test outputs.

Format: {"<task_id>": [{"attempt_1": grid, "attempt_2": grid}, ...one per test input, in order]}.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from .solve import Attempts, TaskResult
from .task import Grid, TaskError, grid_from_json, grid_to_json

ATTEMPT_KEYS = ("attempt_1", "attempt_2")


def submission_json(results: Mapping[str, TaskResult | Attempts]) -> dict[str, list[dict]]:
    """The submission object for results (or plain attempt lists) keyed by task id, in sorted id order."""
    submission = {}
    for task_id in sorted(results):
        value = results[task_id]
        attempts = value.attempts if isinstance(value, TaskResult) else value
        submission[task_id] = [{"attempt_1": grid_to_json(a1), "attempt_2": grid_to_json(a2)} for a1, a2 in attempts]
    return submission


def write_submission(path: str | Path, results: Mapping[str, TaskResult | Attempts]) -> dict[str, list[dict]]:
    """Write submission.json atomically (a reader never sees half a file) and return what was written."""
    submission = submission_json(results)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(submission, separators=(",", ":")))
    os.replace(partial, path)
    return submission


def read_submission(path: str | Path) -> Any:
    """A submission file as parsed JSON (check it with validate_submission)."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot read submission {path}: {error}") from None


def validate_submission(submission: Any, test_counts: Mapping[str, int]) -> list[str]:
    """Problems with a submission, empty when valid: every task id, one entry per test input, both attempts,
    each a rectangular grid of integers 0-9."""
    if not isinstance(submission, dict):
        return [f"submission is {type(submission).__name__}, not an object keyed by task id"]
    problems = [f"task {task_id} is missing" for task_id in sorted(test_counts) if task_id not in submission]
    problems += [f"task {task_id} is not expected" for task_id in sorted(submission) if task_id not in test_counts]
    for task_id in sorted(set(submission) & set(test_counts)):
        entries = submission[task_id]
        if not isinstance(entries, list) or len(entries) != test_counts[task_id]:
            count = len(entries) if isinstance(entries, list) else type(entries).__name__
            problems.append(f"task {task_id} has {count} entries for {test_counts[task_id]} test inputs")
            continue
        for i, entry in enumerate(entries):
            if not isinstance(entry, dict):
                problems.append(f"task {task_id}[{i}] is {type(entry).__name__}, not an object")
                continue
            for key in ATTEMPT_KEYS:
                if key not in entry:
                    problems.append(f"task {task_id}[{i}] is missing '{key}'")
                    continue
                try:
                    grid_from_json(entry[key], f"task {task_id}[{i}].{key}")
                except TaskError as error:
                    problems.append(str(error))
    return problems


@dataclass(frozen=True)
class Score:
    """Kaggle's measure: a test output counts when either attempt is exactly right; a task when all its do."""

    correct_outputs: int
    test_outputs: int
    solved_tasks: int
    tasks: int
    solved: dict[str, bool] = field(default_factory=dict, compare=False)  # task id -> fully solved

    def line(self) -> str:
        """The score line the CLI prints last, e.g. 'score: 3/21 test outputs (14.3%), 3/20 tasks solved'."""
        percent = 100.0 * self.correct_outputs / self.test_outputs if self.test_outputs else 0.0
        return (
            f"score: {self.correct_outputs}/{self.test_outputs} test outputs ({percent:.1f}%), "
            f"{self.solved_tasks}/{self.tasks} tasks solved"
        )


def _matches(attempt: Any, expected: Grid) -> bool:
    try:
        grid = grid_from_json(attempt, "attempt")
    except TaskError:
        return False
    return np.array_equal(grid, expected)


def score_submission(submission: Any, solutions: Mapping[str, Sequence[Grid]]) -> Score:
    """Score a submission object against the known test outputs of every task in `solutions`."""
    submission = submission if isinstance(submission, dict) else {}
    correct_outputs = test_outputs = 0
    solved = {}
    for task_id, expected in sorted(solutions.items()):
        entries = submission.get(task_id)
        entries = entries if isinstance(entries, list) else []
        right = 0
        for i, grid in enumerate(expected):
            entry = entries[i] if i < len(entries) and isinstance(entries[i], dict) else {}
            right += any(_matches(entry[key], grid) for key in ATTEMPT_KEYS if key in entry)
        correct_outputs += right
        test_outputs += len(expected)
        solved[task_id] = right == len(expected)
    return Score(correct_outputs, test_outputs, sum(solved.values()), len(solved), solved)
