"""benchmarks/compare_eval_reports.py: which held-out tasks each run of `model evaluate` solves."""

import json

import pytest

from benchmarks.compare_eval_reports import compare, solved_sets


def write_report(path, positions_by_mode):
    """A minimal `model evaluate` report: per mode, depth 2's first solving positions."""
    table = {mode: {"2": {"positions": positions}} for mode, positions in positions_by_mode.items()}
    path.write_text(json.dumps({"table": table}))
    return path


def test_gains_losses_and_union_against_the_first_run(tmp_path):
    old = write_report(tmp_path / "old.json", {"both": [1, None, 3, None]})
    new = write_report(tmp_path / "new.json", {"both": [1, 2, None, None]})
    runs = {"old": solved_sets([old], k=32), "new": solved_sets([new], k=32)}
    assert compare(runs) == ["both  depth2: old 2; new 2; new vs old: +[1] -[2]; any 3"]


def test_a_solution_past_k_does_not_count(tmp_path):
    report = write_report(tmp_path / "r.json", {"step": [1, 9, None]})
    assert solved_sets([report], k=8) == {("step", 2): {0}}


def test_one_run_cannot_report_a_depth_twice(tmp_path):
    report = write_report(tmp_path / "r.json", {"step": [1]})
    with pytest.raises(SystemExit, match="appears in two reports"):
        solved_sets([report, report], k=32)
