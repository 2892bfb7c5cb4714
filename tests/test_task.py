"""Tasks and grids: parsing valid ARC JSON, and a clear error for each kind of malformed data."""

import numpy as np
import pytest
from hypothesis import given, strategies as st

from arc_kernel.task import Pair, Task, TaskError, grid_from_json, grid_to_json

TASK_JSON = {
    "train": [{"input": [[1, 0], [0, 1]], "output": [[0, 1], [1, 0]]}],
    "test": [{"input": [[2, 2, 0]], "output": [[0, 2, 2]]}, {"input": [[3]], "output": [[3]]}],
}


def test_a_task_parses_into_uint8_grids():
    task = Task.from_json("abc", TASK_JSON)
    assert task.id == "abc"
    assert isinstance(task.train[0], Pair)
    assert task.train[0].output.tolist() == [[0, 1], [1, 0]]
    assert task.train[0].input.dtype == np.uint8
    assert [g.shape for g in task.test_inputs] == [(1, 3), (1, 1)]
    assert task.test_outputs[0].tolist() == [[0, 2, 2]]


def test_task_grids_are_read_only():
    task = Task.from_json("abc", TASK_JSON)
    with pytest.raises(ValueError):
        task.train[0].input[0, 0] = 5


def test_a_task_without_test_outputs_has_none():
    task = Task.from_json("hidden", {"train": TASK_JSON["train"], "test": [{"input": [[1]]}]})
    assert task.test_outputs is None
    assert "output" not in task.to_json()["test"][0]


def test_to_json_gives_back_the_same_task():
    assert Task.from_json("abc", TASK_JSON).to_json() == TASK_JSON


def test_with_test_outputs_attaches_a_solution():
    hidden = Task.from_json("abc", {"train": TASK_JSON["train"], "test": [{"input": [[1]]}]})
    assert hidden.with_test_outputs([[[4]]]).test_outputs[0].tolist() == [[4]]
    with pytest.raises(TaskError, match="2 test outputs for 1 test inputs"):
        hidden.with_test_outputs([[[4]], [[5]]])


@pytest.mark.parametrize(
    "grid, problem",
    [
        ([[1, "3"]], r"\[0\]\[1\] is '3' \(a str\); colours are integers 0-9"),
        ([[1, 3.5]], r"\[0\]\[1\] is 3.5 \(a float\)"),
        ([[True, 1]], r"\[0\]\[0\] is True \(a bool\)"),
        ([[1], [10]], r"\[1\]\[0\] is 10 \(an int\)"),
        ([[-1]], r"\[0\]\[0\] is -1"),
        ([[None]], r"is None"),
        ([[1, 2], [3]], r"ragged: row 1 has 1 cells, row 0 has 2"),
        ([], r"is empty"),
        ([[]], r"is empty"),
        ([[0] * 31] * 2, r"is 2x31, larger than 30x30"),
        ([[0]] * 31, r"is 31x1, larger than 30x30"),
        ("0110", r"is '0110' \(a str\), not a list of rows"),
        ([1, 2], r"\[0\] is 1 \(an int\), not a list of colours"),
    ],
)
def test_bad_grids_are_rejected_naming_task_place_and_problem(grid, problem):
    bad = {"train": [{"input": [[0]], "output": grid}], "test": [{"input": [[0]]}]}
    with pytest.raises(TaskError, match=r"^task t1: train\[0\]\.output.*" + problem) as caught:
        Task.from_json("t1", bad)
    assert caught.value.task_id == "t1"


@pytest.mark.parametrize(
    "obj, problem",
    [
        ([], "is list, not an object"),
        ({"test": [{"input": [[0]]}]}, "missing key 'train'"),
        ({"train": [{"input": [[0]], "output": [[0]]}]}, "missing key 'test'"),
        ({"train": [], "test": [{"input": [[0]]}]}, "'train' must be a non-empty list"),
        ({"train": [{"input": [[0]]}], "test": [{"input": [[0]]}]}, r"train\[0\] is missing key 'output'"),
        ({"train": [{"input": [[0]], "output": [[0]]}], "test": [{"output": [[0]]}]}, r"test\[0\] is missing key 'input'"),
        (
            {"train": [{"input": [[0]], "output": [[0]]}], "test": [{"input": [[0]], "output": [[0]]}, {"input": [[0]]}]},
            r"test\[1\] is missing key 'output' while other test pairs have one",
        ),
    ],
)
def test_bad_task_structure_is_rejected(obj, problem):
    with pytest.raises(TaskError, match=r"^task t2: " + problem):
        Task.from_json("t2", obj)


def test_grid_from_json_names_the_place_given():
    with pytest.raises(TaskError, match=r"^my grid\[0\]\[0\] is 12"):
        grid_from_json([[12]], "my grid")


grids = st.integers(1, 30).flatmap(
    lambda h: st.integers(1, 30).flatmap(
        lambda w: st.lists(st.lists(st.integers(0, 9), min_size=w, max_size=w), min_size=h, max_size=h)
    )
)


@given(grids)
def test_grids_round_trip_through_json(rows):
    assert grid_to_json(grid_from_json(rows, "grid")) == rows
