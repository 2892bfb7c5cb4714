"""A solve run's journal: each finished task's result appended as one JSON line, so a long run can resume.

The first line holds the settings the results depend on; resuming with other settings is refused, since
the results would mix two experiments. A line cut short by a crash is ignored (its task simply runs again).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .solve import TaskResult


def journal_path(out: str | Path) -> Path:
    """Where the journal of a run writing `out` lives: beside it, named after it."""
    out = Path(out)
    return out.with_name(out.name + ".journal.jsonl")


def _result_to_json(result: TaskResult) -> dict[str, Any]:
    return {
        "task_id": result.task_id, "program": result.program, "source": result.source, "seconds": result.seconds,
        "error": result.error, "attempts": [[a.tolist(), b.tolist()] for a, b in result.attempts],
    }


def _result_from_json(row: dict[str, Any]) -> TaskResult:
    attempts = [(np.array(a, dtype=np.uint8), np.array(b, dtype=np.uint8)) for a, b in row["attempts"]]
    return TaskResult(row["task_id"], attempts, row["program"], row["source"], row["seconds"], row["error"])


class Journal:
    """Appends results to `path`, after a header line holding `settings` (a fresh journal replaces an old one)."""

    def __init__(self, path: str | Path, settings: dict[str, Any], resume: bool = False):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not (resume and self.path.is_file()):
            self.path.write_text(json.dumps({"settings": settings}) + "\n")
        self.handle = open(self.path, "a")

    def append(self, result: TaskResult) -> None:
        self.handle.write(json.dumps(_result_to_json(result), separators=(",", ":")) + "\n")
        self.handle.flush()

    def close(self) -> None:
        self.handle.close()


def read_journal(path: str | Path, settings: dict[str, Any]) -> dict[str, TaskResult]:
    """The results recorded in the journal at `path` (none if it does not exist); raises ValueError when it
    was written with other settings."""
    path = Path(path)
    if not path.is_file():
        return {}
    lines = path.read_text().splitlines()
    try:
        recorded = json.loads(lines[0])["settings"] if lines else None
    except (json.JSONDecodeError, KeyError, TypeError):
        recorded = None
    if recorded != settings:
        raise ValueError(f"{path} was written with other settings ({recorded}); delete it or run without --resume")
    results: dict[str, TaskResult] = {}
    for line in lines[1:]:
        try:
            result = _result_from_json(json.loads(line))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            continue  # a line cut short by a crash
        results[result.task_id] = result
    return results
