"""The Kaggle bundle: build_submission.py's output is deterministic and pushable, and the built notebook, run by a
real Jupyter kernel on data laid out as under /kaggle/input, always leaves a valid, complete submission."""

import ast
import base64
import importlib.util
import json
import os
import sys
import time
import zipfile
from io import BytesIO
from pathlib import Path

import nbformat
import pytest

from arc_kernel.datasets import load_dataset
from arc_kernel.kaggle import (
    DeadlineReached, KaggleConfig, alarm_at, find_bundle_dataset, find_challenges, is_placeholder, prepare_packages,
    run_submission, time_per_task,
)
from arc_kernel.submission import read_submission, validate_submission

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("build_submission", ROOT / "build_submission.py")
build_submission = sys.modules.setdefault("build_submission", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(build_submission)

TASK_IDS = ["007bbfb7", "017c7c7b"]  # ARC-1 training tasks the search solves within a second or two


@pytest.fixture(scope="module")
def kaggle_input(tmp_path_factory) -> Path:
    """A folder laid out like /kaggle/input: arc-prize-2025/arc-agi_test_challenges.json with two tasks and a
    malformed third (no test inputs), which must still get an entry."""
    root = tmp_path_factory.mktemp("input")
    tasks = load_dataset("arc1-train").tasks
    challenges = {i: {**tasks[i].to_json(), "test": [{"input": g.tolist()} for g in tasks[i].test_inputs]} for i in TASK_IDS}
    challenges["badtask0"] = {"train": [{"input": [[1]], "output": [[2]]}], "test": [{"input": [[1, 10]]}]}
    (root / "arc-prize-2025").mkdir()
    (root / "arc-prize-2025" / "arc-agi_test_challenges.json").write_text(json.dumps(challenges))
    return root


def expected_counts(input_root: Path) -> dict[str, int]:
    challenges = json.loads((input_root / "arc-prize-2025" / "arc-agi_test_challenges.json").read_text())
    return {i: len(t["test"]) for i, t in challenges.items()}


def assert_complete(path: Path, input_root: Path) -> dict:
    submission = read_submission(path)
    assert validate_submission(submission, expected_counts(input_root)) == []
    return submission


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    weights = tmp_path_factory.mktemp("weights")
    (weights / "adapter").mkdir()
    (weights / "adapter" / "adapter_config.json").write_text('{"r": 8}')
    out = tmp_path_factory.mktemp("bundle")
    build_submission.build(build_submission.BuildConfig(out=out, gpu=False, owner="someone", weights_dir=weights))
    return out


# ---- building ----

def test_building_twice_gives_identical_bytes(built, tmp_path):
    config = build_submission.BuildConfig(out=tmp_path, gpu=False, owner="someone", weights_dir=built / "dataset" / "weights")
    build_submission.build(config)
    first = {p.relative_to(built): p.read_bytes() for p in sorted(built.rglob("*")) if p.is_file()}
    second = {p.relative_to(tmp_path): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert first == second
    assert sorted(str(p) for p in first) == [
        "arc-kernel.ipynb", "dataset/arc_kernel_dataset.json", "dataset/dataset-metadata.json",
        "dataset/weights/adapter/adapter_config.json", "kernel-metadata.json",
    ]


def test_kernel_metadata_has_internet_off_and_names_its_sources(built):
    metadata = json.loads((built / "kernel-metadata.json").read_text())
    assert metadata["enable_internet"] is False
    assert metadata["enable_gpu"] is False
    assert metadata["id"] == "someone/arc-kernel"
    assert metadata["code_file"] == "arc-kernel.ipynb" and (built / metadata["code_file"]).is_file()
    assert (metadata["language"], metadata["kernel_type"], metadata["is_private"]) == ("python", "notebook", True)
    assert metadata["competition_sources"] == ["arc-prize-2025"]
    assert metadata["dataset_sources"] == ["someone/arc-kernel-bundle"]
    dataset = json.loads((built / "dataset" / "dataset-metadata.json").read_text())
    assert dataset["id"] == "someone/arc-kernel-bundle" and dataset["title"] and dataset["licenses"]


def test_notebook_is_v4_python3_with_a_parameters_cell_and_the_package_inside(built):
    notebook = nbformat.read(built / "arc-kernel.ipynb", as_version=4)
    nbformat.validate(notebook)
    assert notebook.nbformat == 4 and notebook.metadata.kernelspec.name == "python3"
    parameters = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(parameters) == 1
    for name in ("data_dir", "output_path", "time_budget_seconds", "workers", "use_model"):
        assert f"\n{name} = " in "\n" + parameters[0].source
    bootstrap = next(c.source for c in notebook.cells if "BUNDLE = " in c.source)
    encoded = next(line for line in bootstrap.splitlines() if line.startswith("BUNDLE = "))
    bundle = base64.b64decode(ast.parse(encoded).body[0].value.value)
    names = zipfile.ZipFile(BytesIO(bundle)).namelist()
    assert "arc_kernel/kaggle.py" in names and "arc_kernel/solve.py" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_no_model_build_has_no_dataset_and_turns_the_model_off(tmp_path):
    build_submission.build(build_submission.BuildConfig(out=tmp_path, owner="someone", model=False))
    assert not (tmp_path / "dataset").exists()
    assert json.loads((tmp_path / "kernel-metadata.json").read_text())["dataset_sources"] == []
    notebook = nbformat.read(tmp_path / "arc-kernel.ipynb", as_version=4)
    assert "use_model = False" in next(c.source for c in notebook.cells if "parameters" in c.metadata.get("tags", []))


# ---- the run logic ----

def test_challenges_are_found_in_data_dir_or_under_the_input_root(kaggle_input):
    expected = kaggle_input / "arc-prize-2025" / "arc-agi_test_challenges.json"
    assert find_challenges(str(kaggle_input / "arc-prize-2025")) == expected
    assert find_challenges(str(expected)) == expected
    assert find_challenges("", str(kaggle_input)) == expected
    with pytest.raises(FileNotFoundError):
        find_challenges("", str(kaggle_input / "nothing-here"))


def test_bundle_dataset_is_found_by_its_marker(built):
    assert find_bundle_dataset(str(built)) == built / "dataset"


def test_time_per_task_shares_what_is_left_among_rounds_of_workers():
    config = KaggleConfig(max_time_per_task=1000)
    assert time_per_task(240, 4, 39_600, config) == pytest.approx(39_600 / 60 - 2)
    assert time_per_task(3, 4, 12, config) == pytest.approx(10)
    assert time_per_task(1, 1, 1e9, config) == 1000


def test_placeholder_is_a_test_file_whose_tasks_are_all_evaluation_tasks(tmp_path):
    test_file = tmp_path / "arc-agi_test_challenges.json"
    (tmp_path / "arc-agi_evaluation_challenges.json").write_text(json.dumps({"a": {}, "b": {}}))
    assert is_placeholder(test_file, ["a", "b"])
    assert not is_placeholder(test_file, ["a", "hidden"])


def test_alarm_interrupts_work_that_runs_past_the_deadline():
    with pytest.raises(DeadlineReached):
        with alarm_at(time.monotonic() + 0.1):
            time.sleep(5)


def test_past_deadline_still_writes_a_complete_submission(kaggle_input, tmp_path):
    out = tmp_path / "submission.json"
    report = run_submission(KaggleConfig(output_path=str(out), input_root=str(kaggle_input), time_budget_seconds=0))
    assert report.chunks == [] and report.problems == []
    assert assert_complete(out, kaggle_input)["badtask0"] == [{"attempt_1": [[0]], "attempt_2": [[0]]}]


def test_workers_that_cannot_start_leave_the_fallbacks(kaggle_input, tmp_path):
    out = tmp_path / "submission.json"
    report = run_submission(KaggleConfig(output_path=str(out), input_root=str(kaggle_input), time_budget_seconds=30,
                                         workers=1, use_model=False, fault="workers"))
    assert any("WorkerStartError" in e for e in report.errors)
    assert_complete(out, kaggle_input)


def test_a_hung_pool_is_stopped_by_the_deadline_alarm(kaggle_input, tmp_path):
    out = tmp_path / "submission.json"
    started = time.monotonic()
    report = run_submission(KaggleConfig(output_path=str(out), input_root=str(kaggle_input), time_budget_seconds=4,
                                         workers=1, use_model=False, fault="hang"))
    assert time.monotonic() - started < 4 + 5  # the alarm rings 2 s past the end of solving; stopping takes ~1 s
    assert any("DeadlineReached" in e for e in report.errors)
    assert_complete(out, kaggle_input)


# ---- the notebook, executed by a real kernel ----

def run_notebook(built: Path, kaggle_input: Path, tmp_path: Path, **values) -> tuple[Path, str]:
    out = tmp_path / "working" / "submission.json"
    values = {"data_dir": str(kaggle_input / "arc-prize-2025"), "output_path": str(out), "workers": 1,
              "use_model": False, **values}
    executed = build_submission.execute_notebook(built / "arc-kernel.ipynb", values, tmp_path, timeout=120)
    return out, build_submission.notebook_text(executed)


def test_notebook_solves_a_small_file_and_writes_a_valid_submission(built, kaggle_input, tmp_path):
    out, log = run_notebook(built, kaggle_input, tmp_path, time_budget_seconds=8)
    submission = assert_complete(out, kaggle_input)
    assert "arc_kernel-" in log  # imported from the embedded bundle, not from the repository
    tasks = load_dataset("arc1-train").tasks
    solved = [i for i in TASK_IDS if submission[i][0]["attempt_1"] == tasks[i].test_outputs[0].tolist()]
    assert solved, log


@pytest.mark.parametrize("fault", ["solve", "bootstrap"])
def test_notebook_whose_solver_raises_still_writes_a_complete_submission(built, kaggle_input, tmp_path, fault):
    out, log = run_notebook(built, kaggle_input, tmp_path, time_budget_seconds=8, fault=fault)
    assert "fault injected" in log
    assert_complete(out, kaggle_input)


def test_notebook_started_past_its_deadline_still_writes_a_complete_submission(built, kaggle_input, tmp_path):
    out, log = run_notebook(built, kaggle_input, tmp_path, time_budget_seconds=0)
    assert "time is up" in log
    assert_complete(out, kaggle_input)


def test_explore_notebook_is_stripped_and_runs_top_to_bottom_on_cpu():
    path = ROOT / "notebooks" / "explore.ipynb"
    notebook = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in notebook.cells if c.cell_type == "code")
    from nbclient import NotebookClient

    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    assert "verified: True" in build_submission.notebook_text(notebook)


def test_model_uses_the_bundle_datasets_weights_and_is_off_when_asked(built, monkeypatch):
    monkeypatch.delenv("ARC_KERNEL_WEIGHTS", raising=False)  # restored after the test
    config = prepare_packages(KaggleConfig(input_root=str(built)))  # finds the bundle dataset under the input root
    assert config.use_model and config.weights_dir == str(built / "dataset" / "weights")
    assert os.environ["ARC_KERNEL_WEIGHTS"] == config.weights_dir
    assert not prepare_packages(KaggleConfig(use_model=False)).use_model
