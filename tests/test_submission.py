"""submission.json: writing, validating and scoring (either attempt exact counts)."""

import json

import numpy as np
import pytest

from arc_kernel.solve import TaskResult
from arc_kernel.submission import Score, read_submission, score_submission, validate_submission, write_submission


def g(*rows):
    return np.array(rows, dtype=np.uint8)


def test_written_submission_is_valid_and_in_kaggle_format(tmp_path):
    results = {
        "bb": TaskResult("bb", [(g([1]), g([2]))], "O = I", "search", 0.1),
        "aa": [(g([0, 1]), g([1, 0])), (g([3]), g([3]))],
    }
    write_submission(tmp_path / "submission.json", results)
    written = json.loads((tmp_path / "submission.json").read_text())
    assert list(written) == ["aa", "bb"]
    assert written["aa"] == [{"attempt_1": [[0, 1]], "attempt_2": [[1, 0]]}, {"attempt_1": [[3]], "attempt_2": [[3]]}]
    assert validate_submission(read_submission(tmp_path / "submission.json"), {"aa": 2, "bb": 1}) == []


GOOD_ENTRY = {"attempt_1": [[1]], "attempt_2": [[2]]}


@pytest.mark.parametrize(
    "submission, problem",
    [
        ([], "submission is list, not an object keyed by task id"),
        ({"aa": [GOOD_ENTRY]}, "task bb is missing"),
        ({"aa": [GOOD_ENTRY], "bb": [GOOD_ENTRY], "cc": [GOOD_ENTRY]}, "task cc is not expected"),
        ({"aa": [GOOD_ENTRY, GOOD_ENTRY], "bb": [GOOD_ENTRY]}, "task aa has 2 entries for 1 test inputs"),
        ({"aa": [{"attempt_1": [[1]]}], "bb": [GOOD_ENTRY]}, "task aa[0] is missing 'attempt_2'"),
        ({"aa": [{"attempt_1": [[1], [1, 2]], "attempt_2": [[1]]}], "bb": [GOOD_ENTRY]}, "task aa[0].attempt_1 is ragged"),
        ({"aa": [{"attempt_1": [[1]], "attempt_2": [[10]]}], "bb": [GOOD_ENTRY]}, "task aa[0].attempt_2[0][0] is 10"),
        ({"aa": [{"attempt_1": [["1"]], "attempt_2": [[1]]}], "bb": [GOOD_ENTRY]}, "task aa[0].attempt_1[0][0] is '1'"),
        ({"aa": [GOOD_ENTRY], "bb": {"attempt_1": [[1]]}}, "task bb has dict entries for 1 test inputs"),
    ],
)
def test_each_kind_of_invalid_submission_is_reported(submission, problem):
    problems = validate_submission(submission, {"aa": 1, "bb": 1})
    assert any(p.startswith(problem) for p in problems), problems


SOLUTIONS = {"aa": (g([1]), g([2])), "bb": (g([3, 3]),), "cc": (g([4]),)}


def test_either_attempt_scores_and_a_task_is_solved_when_all_its_outputs_are():
    submission = {
        "aa": [{"attempt_1": [[9]], "attempt_2": [[1]]}, {"attempt_1": [[2]], "attempt_2": [[9]]}],  # both right
        "bb": [{"attempt_1": [[3], [3]], "attempt_2": [[3, 3, 3]]}],  # wrong shapes
        # cc is missing: it scores zero
    }
    score = score_submission(submission, SOLUTIONS)
    assert score == Score(correct_outputs=2, test_outputs=4, solved_tasks=1, tasks=3)
    assert score.solved == {"aa": True, "bb": False, "cc": False}
    assert score.line() == "score: 2/4 test outputs (50.0%), 1/3 tasks solved"


def test_a_partly_right_task_counts_outputs_but_is_not_solved():
    submission = {"aa": [{"attempt_1": [[1]], "attempt_2": [[1]]}, {"attempt_1": [["x"]], "attempt_2": "junk"}]}
    score = score_submission(submission, {"aa": SOLUTIONS["aa"]})
    assert score.line() == "score: 1/2 test outputs (50.0%), 0/1 tasks solved"


def test_the_percentage_has_one_decimal():
    assert Score(1, 3, 0, 3).line() == "score: 1/3 test outputs (33.3%), 0/3 tasks solved"
    assert Score(0, 0, 0, 0).line() == "score: 0/0 test outputs (0.0%), 0/0 tasks solved"
