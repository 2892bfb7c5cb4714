"""The solve loop: ranking candidates into two attempts, the fallback, and sources that misbehave."""

import itertools
import time

import numpy as np
import pytest

from arc_kernel.solve import Candidate, SolveConfig, build_sources, fallback_attempts, rank_candidates, solve
from arc_kernel.task import Pair, Task


def g(*rows):
    return np.array(rows, dtype=np.uint8)


TASK = Task(
    "t",
    train=(Pair(g([1, 0]), g([0, 1])), Pair(g([2, 0]), g([0, 2]))),
    test_inputs=(g([3, 0]), g([4, 4, 0])),
    test_outputs=(g([0, 3]), g([0, 4, 4])),
)


def candidate(a, b, correct=2, total=2, rank=(), program=None):
    return Candidate((g(a), g(b)), program, "test", rank, correct, total)


def as_lists(attempts):
    return [(a1.tolist(), a2.tolist()) for a1, a2 in attempts]


def test_fallback_tries_the_input_itself_first():
    attempts = fallback_attempts(TASK)
    assert [a1.tolist() for a1, _ in attempts] == [[[3, 0]], [[4, 4, 0]]]
    # demo outputs differ, share a shape (1x2) and their most common colour is 0
    assert [a2.tolist() for _, a2 in attempts] == [[[0, 0]], [[0, 0]]]


def test_fallback_repeats_an_output_every_demo_shares():
    constant = Task("c", (Pair(g([1]), g([7, 7])), Pair(g([2]), g([7, 7]))), (g([5]),))
    assert as_lists(fallback_attempts(constant)) == [([[5]], [[7, 7]])]


def test_verified_candidates_come_first_by_source_rank_then_partial_ones():
    partial = candidate([9, 9], [9, 9, 9], correct=1)
    long = candidate([0, 3], [0, 4, 4], rank=(5,))
    short = candidate([3, 0], [0, 4, 4], rank=(2,))
    attempts = rank_candidates([partial, long, short], fallback_attempts(TASK), "sources")
    # test 1: the short program's output, then the long one's (it differs)
    # test 2: both verified programs agree, so the partial match gets the second slot
    assert as_lists(attempts) == [([[3, 0]], [[0, 3]]), ([[0, 4, 4]], [[9, 9, 9]])]


def test_simplest_ranking_puts_the_smallest_verified_program_first_whatever_its_source():
    model_first = candidate([9, 9], [9, 9, 9], rank=(0,), program="x1 = flip_horizontal(I)\nO = rotate_180(x1)")
    search_later = candidate([0, 3], [0, 4, 4], rank=(3,), program="O = flip_horizontal(I)")
    assert as_lists(rank_candidates([model_first, search_later], fallback_attempts(TASK), "sources"))[0][0] == [[9, 9]]
    assert as_lists(rank_candidates([model_first, search_later], fallback_attempts(TASK), "simplest"))[0][0] == [[0, 3]]


def test_votes_ranking_puts_the_outputs_most_verified_programs_agree_on_first():
    small = candidate([9, 9], [9, 9, 9], program="O = flip_horizontal(I)")
    agreeing = [candidate([0, 3], [0, 4, 4], program=p)
                for p in ("O = rotate_180(I)", "O = flip_vertical(rotate_180(I))")]
    attempts = rank_candidates([small, *agreeing], fallback_attempts(TASK), "votes")
    assert as_lists(attempts) == [([[0, 3]], [[9, 9]]), ([[0, 4, 4]], [[9, 9, 9]])]
    # a partial match never outvotes a verified program, however many agree on it
    partials = [candidate([1, 1], [1, 1, 1], correct=1, program="O = I")] * 3
    assert as_lists(rank_candidates([*partials, small], fallback_attempts(TASK), "votes"))[0][0] == [[9, 9]]


def test_an_unknown_ranking_is_refused():
    with pytest.raises(ValueError, match="unknown ranking"):
        rank_candidates([], fallback_attempts(TASK), "shortest")


def test_fallback_fills_slots_candidates_leave_open():
    attempts = rank_candidates([candidate([0, 3], [0, 4, 4])], fallback_attempts(TASK))
    assert as_lists(attempts) == [([[0, 3]], [[3, 0]]), ([[0, 4, 4]], [[4, 4, 0]])]


def test_unusable_candidates_are_ignored():
    wrong_everywhere = candidate([5, 5], [5, 5], correct=0)
    too_big = Candidate((np.zeros((31, 1), np.uint8), g([1])), None, "test", (), 2, 2)
    bad_colour = Candidate((g([12]), g([1])), None, "test", (), 2, 2)
    one_output_for_two_tests = Candidate((g([1]),), None, "test", (), 2, 2)
    attempts = rank_candidates([wrong_everywhere, too_big, bad_colour, one_output_for_two_tests], fallback_attempts(TASK))
    assert as_lists(attempts) == as_lists(fallback_attempts(TASK))


class ListSource:
    name = "list"

    def __init__(self, candidates):
        self.candidates = candidates

    def propose(self, task, deadline, seed):
        yield from self.candidates


class BrokenSource:
    name = "broken"

    def propose(self, task, deadline, seed):
        raise RuntimeError("no model here")
        yield


class EndlessSource:
    """Ignores the deadline; solve must stop consuming it."""

    name = "endless"

    def propose(self, task, deadline, seed):
        for _ in itertools.count():
            time.sleep(0.01)
            yield candidate([1, 1], [1, 1, 1], correct=1)


def test_solve_uses_the_best_candidate_and_reports_its_program():
    right = candidate([0, 3], [0, 4, 4], program="O = flip(I)")
    result = solve(TASK, SolveConfig(), [ListSource([right])])
    assert result.program == "O = flip(I)" and result.source == "test" and result.error is None
    assert all(np.array_equal(a1, want) for (a1, _), want in zip(result.attempts, TASK.test_outputs))


def test_solve_keeps_every_usable_candidate_in_arrival_order_when_asked():
    partial = candidate([9, 9], [9, 9, 9], correct=1, program="O = I")
    wrong = candidate([5, 5], [5, 5, 5], correct=0, program="O = rotate_90(I)")
    right = candidate([0, 3], [0, 4, 4], program="O = flip(I)")
    kept = solve(TASK, SolveConfig(keep_candidates=True), [ListSource([partial, wrong, right])])
    assert kept.candidates == (partial, right) and kept.program == "O = flip(I)"
    assert solve(TASK, SolveConfig(), [ListSource([partial, right])]).candidates == ()


def test_a_failing_source_is_reported_and_the_others_still_count():
    right = candidate([0, 3], [0, 4, 4], program="O = flip(I)")
    result = solve(TASK, SolveConfig(), [BrokenSource(), ListSource([right])])
    assert result.program == "O = flip(I)"
    assert result.error == "source broken failed: RuntimeError: no model here"


def test_with_no_sources_every_slot_gets_the_fallback():
    result = solve(TASK, SolveConfig(), [])
    assert result.source == "fallback" and result.program is None
    assert as_lists(result.attempts) == as_lists(fallback_attempts(TASK))


def test_solve_stops_consuming_a_source_at_the_deadline():
    result = solve(TASK, SolveConfig(time_per_task=0.2), [EndlessSource()])
    assert result.attempts[0][0].tolist() == [[1, 1]]  # it returned, with the partial match it had


def test_no_sources_are_built_when_search_and_model_are_off():
    assert build_sources(SolveConfig(use_search=False, use_model=False)) == []
