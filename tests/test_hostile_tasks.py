"""Hostile task files: each gets a clear error naming its task, and the run still writes a complete, valid
submission for every task. The corpus is tests/hostile/ (small files); the very large file is made here."""

import json
import resource
import shutil
from pathlib import Path

import pytest

from arc_kernel import datasets
from arc_kernel.cli import main as cli_main
from arc_kernel.datasets import load_challenges, load_folder
from arc_kernel.kaggle import CHALLENGES_FILE, KaggleConfig, run_submission
from arc_kernel.submission import read_submission, validate_submission

HOSTILE = Path(__file__).parent / "hostile"
TASKS = HOSTILE / "tasks"

# Every malformed file of tests/hostile/tasks and a phrase its error must hold (the error also names the task).
EXPECTED_ERRORS = {
    "truncated": "cannot read task file",
    "empty_file": "cannot read task file",
    "nested_too_deeply": "nested too deeply",
    "invalid_utf8": "can't decode byte",
    "byte_order_mark": "BOM",
    "not_an_object": "not an object with 'train' and 'test'",
    "train_is_an_object": "'train' must be a non-empty list",
    "missing_test": "missing key 'test'",
    "pair_without_output": "train[0] is missing key 'output'",
    "test_outputs_partial": "test[1] is missing key 'output'",
    "grid_0x0": "train[0].input is empty",
    "grid_empty_rows": "row 0 has no cells",
    "grid_31x31": "31x31, larger than 30x30",
    "grid_ragged": "ragged",
    "grid_not_a_list": "not a list of rows",
    "grid_three_dimensional": "colours are integers 0-9",
    "color_10": "is 10 (an int); colours are integers 0-9",
    "color_minus_1": "is -1 (an int)",
    "color_string": "is '3' (a str)",
    "color_float": "is 2.0 (a float)",
    "color_bool": "is True (a bool)",
    "color_null": "is None",
    "color_nan": "is nan (a float)",
    "color_huge": "colours are integers 0-9",
    "color_5000_digits": "Exceeds the limit",
}
VALID = {"good_flip": 1, "good_two_tests": 2, "many_tests": 100}  # task id -> test inputs


def solve_folder(folder: Path, out: Path, *extra: str) -> int:
    return cli_main(["solve", "--challenges", str(folder), "--out", str(out), "--time-per-task", "0.5",
                     "--workers", "1", "--no-model", "--no-progress", *extra])


def test_the_corpus_is_what_this_file_expects():
    stems = {path.stem for path in TASKS.glob("*.json")}
    assert stems == set(EXPECTED_ERRORS) | set(VALID)


@pytest.mark.parametrize("task_id", sorted(EXPECTED_ERRORS))
def test_each_hostile_file_gets_a_clear_error_naming_its_task(task_id):
    errors = load_folder(TASKS).errors
    assert errors[task_id].startswith(f"task {task_id}: ")
    assert EXPECTED_ERRORS[task_id] in errors[task_id]


def test_unusual_but_valid_tasks_are_kept():
    tasks = load_folder(TASKS).tasks
    assert {task_id: len(tasks[task_id].test_inputs) for task_id in tasks} == VALID


def test_solving_the_hostile_folder_writes_a_complete_valid_submission(tmp_path, capsys):
    out = tmp_path / "submission.json"
    assert solve_folder(TASKS, out) == 0
    task_set = load_folder(TASKS)
    submission = read_submission(out)
    assert validate_submission(submission, {i: task_set.test_count(i) for i in task_set.ids}) == []
    assert len(submission["many_tests"]) == 100
    assert submission["good_flip"][0]["attempt_1"] == [[8, 6], [1, 9]]  # the search finds the flip
    assert submission["grid_31x31"] == [{"attempt_1": [[0]], "attempt_2": [[0]]}]
    stderr = capsys.readouterr().err
    assert all(f"skipping malformed task {task_id}:" in stderr for task_id in EXPECTED_ERRORS)


def test_an_id_that_appears_twice_in_a_challenges_file_is_reported_and_kept_in_the_submission():
    task_set = load_challenges(HOSTILE / "challenges_duplicate_ids.json")
    assert sorted(task_set.tasks) == ["ok"]
    assert task_set.errors["twice"] == "task twice: the id appears more than once in the file"
    assert task_set.test_count("twice") == 2  # the last copy's test inputs: its submission entry has both
    assert "bad" in task_set.errors


def test_a_very_large_task_file_is_refused_unread(tmp_path):
    folder = tmp_path / "tasks"
    folder.mkdir()
    shutil.copy(TASKS / "good_flip.json", folder)
    pair = '{"input": [[1, 2], [3, 4]], "output": [[2, 1], [4, 3]]}, '
    count = 2 * datasets.MAX_TASK_FILE_BYTES // len(pair)  # valid JSON, twice the cap (8 MB)
    (folder / "huge.json").write_text('{"train": [' + pair * count + pair[:-2] + '], "test": [{"input": [[1]]}]}')
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    task_set = load_folder(folder)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert task_set.errors["huge"].startswith("task huge: cannot read task file")
    assert "8.0 MB, more than the 4 MB a task file may have" in task_set.errors["huge"]
    assert grown_mb < 64  # it was not parsed (parsed, it would take hundreds of MB)
    out = tmp_path / "submission.json"
    assert solve_folder(folder, out) == 0
    assert validate_submission(read_submission(out), {"good_flip": 1, "huge": 1}) == []


def test_a_challenges_file_over_the_cap_is_refused_with_its_path(tmp_path, monkeypatch):
    monkeypatch.setattr(datasets, "MAX_FILE_BYTES", 100)
    path = tmp_path / CHALLENGES_FILE
    shutil.copy(HOSTILE / "challenges_duplicate_ids.json", path)
    with pytest.raises(ValueError, match=f"cannot read challenges file {path}: .* MB a challenges file may have"):
        load_challenges(path)


def test_a_kaggle_run_over_every_parseable_hostile_task_writes_a_complete_submission(tmp_path):
    challenges = json.loads((HOSTILE / "challenges_duplicate_ids.json").read_text())
    for path in sorted(TASKS.glob("*.json")):
        try:
            challenges[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, RecursionError):
            continue  # unreadable as JSON: it cannot sit inside a challenges file either
    folder = tmp_path / "input" / "arc-prize-2025"
    folder.mkdir(parents=True)
    text = json.dumps(challenges)
    text = text[:-1] + ', "twice": ' + json.dumps(challenges["twice"]) + "}"  # keep the duplicate id
    (folder / CHALLENGES_FILE).write_text(text)
    out = tmp_path / "submission.json"
    report = run_submission(KaggleConfig(output_path=str(out), data_dir=str(folder), time_budget_seconds=20,
                                         workers=1, use_model=False, debug_budget_seconds=0))
    assert report.problems == []
    task_set = load_challenges(folder / CHALLENGES_FILE)
    assert "twice" in task_set.errors and "grid_31x31" in task_set.errors
    submission = read_submission(out)
    assert validate_submission(submission, {i: task_set.test_count(i) for i in task_set.ids}) == []
    assert len(submission["many_tests"]) == 100
