"""The process pool: every task gets a result, even when its source hangs or kills its worker.

Tests pin the 'fork' start method (fast on Linux) except the one that checks 'spawn'; the default picks
'spawn' once torch is loaded, which other test files may do.
"""

import ctypes
import faulthandler
import os
import time

import numpy as np
import pytest

from arc_kernel.runner import WorkerStartError, run_tasks
from arc_kernel.solve import Candidate, SolveConfig
from arc_kernel.task import Pair, Task


def make_task(task_id: str) -> Task:
    grid = np.array([[1, 2, 3]], dtype=np.uint8)
    return Task(task_id, (Pair(grid, grid[:, ::-1]),), (grid,), (grid[:, ::-1],))


class ScriptedSource:
    """Solves tasks by flipping, except that a task's id makes it misbehave: sleep, exit, segfault."""

    name = "scripted"

    def propose(self, task, deadline, seed):
        if task.id.startswith("sleep"):
            time.sleep(10_000)
        if task.id.startswith("exit"):
            os._exit(3)
        if task.id.startswith("segfault"):
            faulthandler.disable()  # pytest's crash report would only clutter the output
            ctypes.string_at(0)
        if task.id.startswith("garbage"):
            yield Candidate(None, None, self.name)  # not even a tuple of outputs: ranking fails
        yield Candidate(tuple(g[:, ::-1] for g in task.test_inputs), "O = flip(I)", self.name, (1,), 1, 1)


def scripted_sources(config):
    return [ScriptedSource()]


def failing_sources(config):
    raise RuntimeError("cannot load the model")


POOL = dict(progress=False, sources_factory=scripted_sources, start_method="fork")


def test_all_tasks_are_solved_across_workers():
    tasks = [make_task(f"t{i}") for i in range(6)]
    results = run_tasks(tasks, SolveConfig(), workers=2, **POOL)
    assert list(results) == [f"t{i}" for i in range(6)]
    assert all(r.program == "O = flip(I)" and r.error is None for r in results.values())


def test_a_task_that_hangs_is_cut_off_and_gets_the_fallback():
    tasks = [make_task("a"), make_task("sleep"), make_task("b")]
    config = SolveConfig(time_per_task=0.3)
    results = run_tasks(tasks, config, workers=2, kill_after=0.5, **POOL)
    hung = results["sleep"]
    assert hung.source == "fallback" and hung.program is None
    assert hung.error.startswith("timed out")
    assert hung.attempts[0][0].tolist() == [[1, 2, 3]]  # the fallback: the test input itself
    assert hung.seconds < 60  # generous: it was killed, not waited for
    assert results["a"].program == results["b"].program == "O = flip(I)"


@pytest.mark.parametrize("crash", ["exit", "segfault"])
def test_a_worker_crash_loses_only_its_task(crash):
    tasks = [make_task("a"), make_task(crash), make_task("b"), make_task("c")]
    results = run_tasks(tasks, SolveConfig(), workers=2, **POOL)
    assert results[crash].source == "fallback"
    assert results[crash].error.startswith("worker crashed (exit code")
    assert all(results[t].program == "O = flip(I)" for t in "abc")


def test_a_solve_that_raises_gets_the_fallback_and_keeps_its_worker():
    tasks = [make_task("garbage"), make_task("a")]
    results = run_tasks(tasks, SolveConfig(), workers=1, **POOL)
    assert results["garbage"].source == "fallback"
    assert results["garbage"].error.startswith("solve failed: TypeError")
    assert results["a"].program == "O = flip(I)"


def test_results_do_not_depend_on_the_number_of_workers():
    tasks = [make_task(f"t{i}") for i in range(4)]
    one = run_tasks(tasks, SolveConfig(seed=7), workers=1, **POOL)
    two = run_tasks(tasks, SolveConfig(seed=7), workers=2, **POOL)
    inline = run_tasks(tasks, SolveConfig(seed=7), workers=0, **POOL)
    for task_id in one:
        for run in (two, inline):
            assert all(np.array_equal(x, y) for p, q in zip(one[task_id].attempts, run[task_id].attempts) for x, y in zip(p, q))


def test_the_spawn_start_method_works_too():
    tasks = [make_task("a"), make_task("exit")]
    results = run_tasks(tasks, SolveConfig(), workers=1, **{**POOL, "start_method": "spawn"})
    assert results["a"].program == "O = flip(I)"
    assert results["exit"].error == "worker crashed (exit code 3)"


def test_sources_that_cannot_be_built_stop_the_run_with_the_reason():
    with pytest.raises(WorkerStartError, match="cannot load the model"):
        run_tasks([make_task("a")], SolveConfig(), workers=1, **{**POOL, "sources_factory": failing_sources})
