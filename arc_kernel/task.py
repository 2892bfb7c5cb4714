"""ARC tasks: demonstration pairs and test inputs as validated numpy grids."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

Grid = np.ndarray  # 2-D uint8, colours 0-9, at most 30x30, read-only inside a Task
MAX_SIDE = 30


class TaskError(ValueError):
    """A task (or grid) that is not valid ARC data; the message names the task and the problem."""

    def __init__(self, task_id: str | None, problem: str):
        self.task_id = task_id
        self.problem = problem
        super().__init__(f"task {task_id}: {problem}" if task_id is not None else problem)


def _kind(value: Any) -> str:
    text, name = repr(value), type(value).__name__
    article = "an" if name[0] in "aeiou" else "a"
    return f"{text if len(text) <= 40 else text[:37] + '...'} ({article} {name})"


def grid_from_json(value: Any, where: str) -> Grid:
    """Validate a JSON grid (a list of equal-length rows of integers 0-9, at most 30x30) into a uint8 array."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if not isinstance(value, list):
        raise TaskError(None, f"{where} is {_kind(value)}, not a list of rows")
    if not value:
        raise TaskError(None, f"{where} is empty")
    for r, row in enumerate(value):
        if not isinstance(row, list):
            raise TaskError(None, f"{where}[{r}] is {_kind(row)}, not a list of colours")
    width = len(value[0])
    if width == 0:
        raise TaskError(None, f"{where} is empty (row 0 has no cells)")
    for r, row in enumerate(value):
        if len(row) != width:
            raise TaskError(None, f"{where} is ragged: row {r} has {len(row)} cells, row 0 has {width}")
    if len(value) > MAX_SIDE or width > MAX_SIDE:
        raise TaskError(None, f"{where} is {len(value)}x{width}, larger than {MAX_SIDE}x{MAX_SIDE}")
    for r, row in enumerate(value):
        # `type(c) is int` rejects bools (True is an int to isinstance) as well as "3" and 3.5.
        if not all(type(c) is int and 0 <= c <= 9 for c in row):
            c = next(c for c, cell in enumerate(row) if not (type(cell) is int and 0 <= cell <= 9))
            raise TaskError(None, f"{where}[{r}][{c}] is {_kind(row[c])}; colours are integers 0-9")
    grid = np.array(value, dtype=np.uint8)
    grid.setflags(write=False)
    return grid


def grid_to_json(grid: Grid) -> list[list[int]]:
    """A grid as JSON-ready nested lists of Python ints."""
    return np.asarray(grid).astype(int).tolist()


def is_valid_grid(grid: Any) -> bool:
    """True for a 2-D integer array of colours 0-9 with sides 1..30 (what a submission may hold)."""
    return (
        isinstance(grid, np.ndarray)
        and grid.ndim == 2
        and 1 <= grid.shape[0] <= MAX_SIDE
        and 1 <= grid.shape[1] <= MAX_SIDE
        and np.issubdtype(grid.dtype, np.integer)
        and int(grid.min()) >= 0
        and int(grid.max()) <= 9
    )


def solution_from_json(task_id: str, outputs: Any) -> tuple[Grid, ...]:
    """Validate one task's entry of a solutions file: a non-empty list of grids, one per test input."""
    if not isinstance(outputs, list) or not outputs:
        raise TaskError(task_id, f"solution is {_kind(outputs)}, not a non-empty list of grids")
    try:
        return tuple(grid_from_json(g, f"solution[{i}]") for i, g in enumerate(outputs))
    except TaskError as error:
        raise TaskError(task_id, error.problem) from None


@dataclass(frozen=True, eq=False)
class Pair:
    input: Grid
    output: Grid


@dataclass(frozen=True, eq=False)
class Task:
    """One ARC task. `test_outputs` is None when the answers are not known (e.g. Kaggle's hidden set)."""

    id: str
    train: tuple[Pair, ...]
    test_inputs: tuple[Grid, ...]
    test_outputs: tuple[Grid, ...] | None = None

    @classmethod
    def from_json(cls, task_id: str, obj: Any) -> Task:
        """Parse and validate {"train": [{"input", "output"}...], "test": [{"input"[, "output"]}...]}."""
        try:
            return cls._from_json(task_id, obj)
        except TaskError as error:
            raise TaskError(task_id, error.problem) from None

    @classmethod
    def _from_json(cls, task_id: str, obj: Any) -> Task:
        if not isinstance(obj, dict):
            raise TaskError(None, f"is {type(obj).__name__}, not an object with 'train' and 'test'")
        for key in ("train", "test"):
            if key not in obj:
                raise TaskError(None, f"missing key '{key}'")
            if not isinstance(obj[key], list) or not obj[key]:
                raise TaskError(None, f"'{key}' must be a non-empty list of pairs")
        for key, pairs in (("train", obj["train"]), ("test", obj["test"])):
            for i, pair in enumerate(pairs):
                if not isinstance(pair, dict):
                    raise TaskError(None, f"{key}[{i}] is {_kind(pair)}, not an object")
                needed = ("input", "output") if key == "train" else ("input",)
                for field in needed:
                    if field not in pair:
                        raise TaskError(None, f"{key}[{i}] is missing key '{field}'")
        train = tuple(
            Pair(grid_from_json(p["input"], f"train[{i}].input"), grid_from_json(p["output"], f"train[{i}].output"))
            for i, p in enumerate(obj["train"])
        )
        test_inputs = tuple(grid_from_json(p["input"], f"test[{i}].input") for i, p in enumerate(obj["test"]))
        with_output = ["output" in p for p in obj["test"]]
        if any(with_output) and not all(with_output):
            missing = with_output.index(False)
            raise TaskError(None, f"test[{missing}] is missing key 'output' while other test pairs have one")
        test_outputs = None
        if all(with_output):
            test_outputs = tuple(grid_from_json(p["output"], f"test[{i}].output") for i, p in enumerate(obj["test"]))
        return cls(task_id, train, test_inputs, test_outputs)

    def with_test_outputs(self, outputs: Any) -> Task:
        """This task with its test outputs (e.g. from a separate solutions file) validated and attached."""
        grids = solution_from_json(self.id, outputs)
        if len(grids) != len(self.test_inputs):
            raise TaskError(self.id, f"solution has {len(grids)} test outputs for {len(self.test_inputs)} test inputs")
        return Task(self.id, self.train, self.test_inputs, grids)

    def to_json(self) -> dict:
        """The task in ARC's JSON layout (test outputs included when known)."""
        test = [{"input": grid_to_json(g)} for g in self.test_inputs]
        if self.test_outputs is not None:
            for pair, output in zip(test, self.test_outputs):
                pair["output"] = grid_to_json(output)
        return {"train": [{"input": grid_to_json(p.input), "output": grid_to_json(p.output)} for p in self.train], "test": test}

    def __repr__(self) -> str:
        return f"Task({self.id!r}, {len(self.train)} train, {len(self.test_inputs)} test)"
