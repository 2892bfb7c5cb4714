"""The command line: solve → submission + score line, score, show, and the command table."""

import importlib
import json
import re
import subprocess
import sys

import numpy as np
import pytest

from arc_kernel.cli import COMMANDS, main

SCORE_LINE = re.compile(r"^score: (\d+)/(\d+) test outputs \((\d+\.\d)%\), (\d+)/(\d+) tasks solved$")
GOOD = {"train": [{"input": [[1, 2]], "output": [[2, 1]]}], "test": [{"input": [[3, 4]]}]}


def last_line(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


def test_solve_writes_a_valid_submission_report_and_score_line(tmp_path, capsys):
    out, report = tmp_path / "s.json", tmp_path / "r.json"
    args = ["solve", "--dataset", "arc1-eval", "--limit", "3", "--out", str(out), "--report", str(report)]
    assert main(args + ["--workers", "1", "--time-per-task", "1", "--no-progress"]) == 0
    line = last_line(capsys.readouterr().out)
    assert SCORE_LINE.match(line), line
    submission = json.loads(out.read_text())
    assert list(submission) == ["00576224", "009d5c81", "00dbd492"]  # the first three ids in sorted order
    data = json.loads(report.read_text())
    assert data["dataset"] == "arc1-eval" and data["tasks"] == 3
    assert {"solved_tasks", "test_outputs", "correct_outputs", "seconds"} <= set(data)
    assert data["per_task"]["00576224"].keys() >= {"solved", "seconds", "program", "source"}

    assert main(["score", "--submission", str(out), "--dataset", "arc1-eval"]) == 0
    assert last_line(capsys.readouterr().out) == line


def test_the_report_can_list_every_candidate_and_whether_its_outputs_are_right(tmp_path, capsys):
    out, report = tmp_path / "s.json", tmp_path / "r.json"
    assert main(["solve", "--dataset", "arc1-train", "--tasks", "007bbfb7", "--out", str(out), "--report", str(report),
                 "--report-candidates", "--ranking", "simplest", "--no-model", "--workers", "1", "--time-per-task", "2",
                 "--no-progress"]) == 0
    data = json.loads(report.read_text())
    assert data["config"]["ranking"] == "simplest"
    candidates = data["per_task"]["007bbfb7"]["candidates"]
    assert candidates and all(c["source"] == "search" and len(c["right"]) == len(c["outputs"]) == 1 for c in candidates)
    assert data["per_task"]["007bbfb7"]["solved"] and any(c["right"] == [True] for c in candidates)


def test_a_malformed_task_is_skipped_but_gets_fallback_entries(tmp_path, capsys):
    bad = {"train": [{"input": [[1, 2], [3]], "output": [[1]]}], "test": [{"input": [[1]]}, {"input": [[2]]}]}
    (tmp_path / "c.json").write_text(json.dumps({"good": GOOD, "bad": bad}))
    (tmp_path / "sol.json").write_text(json.dumps({"good": [[[4, 3]]], "bad": [[[1]], [[2]]]}))
    out, report = tmp_path / "s.json", tmp_path / "r.json"
    code = main(["solve", "--challenges", str(tmp_path / "c.json"), "--solutions", str(tmp_path / "sol.json"),
                 "--out", str(out), "--report", str(report), "--workers", "1", "--no-progress",
                 "--no-search", "--no-model"])  # fallback only, so the score below does not depend on search
    captured = capsys.readouterr()
    assert code == 0
    assert "skipping malformed task bad: train[0].input is ragged" in captured.err
    assert last_line(captured.out) == "score: 0/1 test outputs (0.0%), 0/1 tasks solved"
    assert len(json.loads(out.read_text())["bad"]) == 2
    per_task = json.loads(report.read_text())["per_task"]
    assert per_task["bad"]["source"] == "fallback" and "ragged" in per_task["bad"]["error"]


def test_an_interrupted_solve_resumes_from_its_journal_with_the_same_settings(tmp_path, capsys):
    from arc_kernel.commands.solve import run_settings
    from arc_kernel.journal import Journal, journal_path, read_journal
    from arc_kernel.solve import SolveConfig, TaskResult

    out = tmp_path / "s.json"
    args = ["solve", "--dataset", "arc1-train", "--tasks", "007bbfb7,00d62c1b", "--out", str(out), "--workers", "0",
            "--no-progress", "--no-model", "--time-per-task", "1"]
    settings = {"dataset": "arc1-train", "time_per_task": 1.0}
    # a run that recorded one task (with a made-up answer) and was killed mid-line on the next
    journal = Journal(journal_path(out), settings)
    journal.append(TaskResult("007bbfb7", [(np.zeros((1, 1), np.uint8), np.ones((1, 1), np.uint8))], "O = I", "search", 0.5))
    journal.close()
    with open(journal_path(out), "a") as handle:
        handle.write('{"task_id": "00d62c1b", "atte')
    assert list(read_journal(journal_path(out), settings)) == ["007bbfb7"]
    with pytest.raises(ValueError, match="other settings"):
        read_journal(journal_path(out), {**settings, "time_per_task": 60.0})

    assert main(args + ["--resume"]) == 2  # the journal's settings are not this run's
    assert "other settings" in capsys.readouterr().err
    assert main(args) == 0  # a fresh run replaces the journal, and removes it once the submission is written
    assert not journal_path(out).exists()
    journal = Journal(journal_path(out), run_settings("arc1-train", SolveConfig(time_per_task=1.0, use_model=False)))
    journal.append(
        TaskResult("007bbfb7", [(np.zeros((1, 1), np.uint8), np.ones((1, 1), np.uint8))], "O = I", "search", 0.5))
    journal.close()
    assert main(args + ["--resume"]) == 0
    assert "resuming: 1 of 2 tasks" in capsys.readouterr().out
    assert json.loads(out.read_text())["007bbfb7"] == [{"attempt_1": [[0]], "attempt_2": [[1]]}]


def test_solve_on_a_folder_without_outputs_says_it_is_not_scored(tmp_path, capsys):
    (tmp_path / "tasks").mkdir()
    (tmp_path / "tasks" / "one.json").write_text(json.dumps(GOOD))
    assert main(["solve", "--challenges", str(tmp_path / "tasks"), "--out", str(tmp_path / "s.json"),
                 "--workers", "0", "--no-progress"]) == 0
    assert last_line(capsys.readouterr().out).startswith("not scored")


def test_tasks_and_sample_select_ids(tmp_path, capsys):
    out = tmp_path / "s.json"
    main(["solve", "--dataset", "arc1-train", "--tasks", "007bbfb7,00d62c1b", "--out", str(out), "--workers", "0", "--no-progress"])
    assert list(json.loads(out.read_text())) == ["007bbfb7", "00d62c1b"]
    assert main(["solve", "--dataset", "arc1-train", "--tasks", "nope", "--out", str(out)]) == 2
    assert "unknown task ids: nope" in capsys.readouterr().err


def test_score_reports_an_invalid_submission(tmp_path, capsys):
    (tmp_path / "s.json").write_text(json.dumps({"007bbfb7": [{"attempt_1": [[1]]}]}))
    assert main(["score", "--submission", str(tmp_path / "s.json"), "--dataset", "arc1-train"]) == 1
    captured = capsys.readouterr()
    assert "invalid submission: task 007bbfb7[0] is missing 'attempt_2'" in captured.err
    assert last_line(captured.out) == "score: 0/1 test outputs (0.0%), 0/1 tasks solved"


def test_show_prints_digits_and_renders_a_png(tmp_path, capsys):
    (tmp_path / "s.json").write_text(json.dumps({"one": [{"attempt_1": [[4, 3]], "attempt_2": [[3, 4]]}]}))
    (tmp_path / "c.json").write_text(json.dumps({"one": GOOD}))
    png = tmp_path / "one.png"
    assert main(["show", "one", "--challenges", str(tmp_path / "c.json"), "--submission", str(tmp_path / "s.json"),
                 "--png", str(png)]) == 0
    text = capsys.readouterr().out
    assert "demo 1 input 1x2" in text and "1 2" in text and "attempt 1" in text
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_command_in_the_table_has_add_arguments_and_main():
    for name, module, help in COMMANDS:
        loaded = importlib.import_module(module)
        assert callable(loaded.add_arguments) and callable(loaded.main), name


def test_an_unknown_command_is_an_error():
    with pytest.raises(SystemExit) as exit:
        main(["frobnicate"])
    assert exit.value.code == 2


def test_python_m_arc_kernel_solve_end_to_end_without_importing_torch(tmp_path):
    code = (
        "import sys, runpy\n"
        "try:\n    runpy.run_module('arc_kernel', run_name='__main__')\n"
        "finally:\n    print('torch imported' if 'torch' in sys.modules else 'no torch')\n"
    )
    args = ["solve", "--dataset", "arc1-eval", "--limit", "4", "--time-per-task", "2", "--out", str(tmp_path / "s.json")]
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120)
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stderr
    assert lines[-1] == "no torch"
    assert SCORE_LINE.match(lines[-2]), lines
