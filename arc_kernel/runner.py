"""Solve many tasks in worker processes, with a hard per-task time limit.

Each worker builds its candidate sources once (they may hold a model), then solves one task at a time.
A worker that overruns its task's limit is killed, one that crashes is noticed, and either is replaced
by a fresh worker; the task gets the fallback and the reason. No task is ever lost.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Callable, Iterable, Sequence

from tqdm import tqdm

from .solve import CandidateSource, SolveConfig, TaskResult, build_sources, fallback_result, solve
from .task import Task

SourcesFactory = Callable[[SolveConfig], Sequence[CandidateSource]]


def default_start_method() -> str:
    """'fork' (fast respawns) where available, unless torch is loaded here: forking its threads can deadlock."""
    if "fork" in multiprocessing.get_all_start_methods() and "torch" not in sys.modules:
        return "fork"
    return "spawn"


def _worker_main(conn: Connection, config: SolveConfig, sources_factory: SourcesFactory) -> None:
    """A worker process: build the sources, say 'ready', then solve each task sent until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops the workers
    parent = os.getppid()
    try:
        sources = sources_factory(config)
    except BaseException:
        conn.send(("init_error", traceback.format_exc()))
        return
    conn.send(("ready", None))
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent:  # orphaned: the parent died without stopping us
                    return
            task = conn.recv()
        except (EOFError, OSError):  # the parent went away
            return
        if task is None:
            return
        conn.send(("result", _solve_safely(task, config, sources)))


def _solve_safely(task: Task, config: SolveConfig, sources: Sequence[CandidateSource]) -> TaskResult:
    """solve(), with an exception turned into the fallback and its reason (the worker and its sources live on)."""
    start = time.monotonic()
    try:
        return solve(task, config, sources)
    except Exception as error:
        return fallback_result(task, f"solve failed: {type(error).__name__}: {error}", time.monotonic() - start)


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: Task | None = None
    started: float = 0.0


class WorkerStartError(RuntimeError):
    """A worker could not build its candidate sources; the run cannot go on without them."""


def run_tasks(
    tasks: Iterable[Task],
    config: SolveConfig,
    workers: int | None = None,
    progress: bool = True,
    sources_factory: SourcesFactory = build_sources,
    kill_after: float = 2.0,
    start_method: str | None = None,
    on_result: Callable[[TaskResult], None] | None = None,
) -> dict[str, TaskResult]:
    """Solve every task, `workers` at a time (default: all cores; 0 runs in this process without a hard
    limit). A task still running `kill_after` seconds past its time is killed and gets the fallback.
    `on_result` sees each result as it arrives (e.g. a journal)."""
    tasks = list(tasks)
    workers = (os.cpu_count() or 1) if workers is None else workers
    bar = tqdm(total=len(tasks), desc="solving", unit="task", disable=not progress, dynamic_ncols=True)
    results: dict[str, TaskResult] = {}
    programs = 0

    def record(result: TaskResult) -> None:
        nonlocal programs
        results[result.task_id] = result
        if on_result is not None:
            on_result(result)
        programs += result.program is not None
        bar.update(1)
        bar.set_postfix(programs=programs, refresh=False)

    try:
        if workers == 0:
            sources = sources_factory(config)
            for task in tasks:
                record(_solve_safely(task, config, sources))
        else:
            pool = _Pool(config, sources_factory, start_method or default_start_method())
            pool.run(tasks, min(workers, len(tasks)), config.time_per_task + kill_after, record)
    finally:
        bar.close()
    return dict(sorted(results.items()))


class _Pool:
    """Worker processes, each fed one task at a time over its own pipe, replaced when killed or crashed."""

    def __init__(self, config: SolveConfig, sources_factory: SourcesFactory, start_method: str):
        self.config = config
        self.sources_factory = sources_factory
        self.context = multiprocessing.get_context(start_method)
        self.workers: list[_Worker] = []

    def start_worker(self) -> _Worker:
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main, args=(child_end, self.config, self.sources_factory), name="arc_kernel-worker"
        )
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        return worker

    def stop_worker(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)

    def run(self, tasks: list[Task], n_workers: int, hard_limit: float, record: Callable[[TaskResult], None]) -> None:
        pending = deque(tasks)
        try:
            for _ in range(n_workers):
                self.start_worker()
            while pending or any(w.task is not None for w in self.workers):
                for worker in self.workers:
                    if worker.ready and worker.task is None and pending:
                        worker.task = pending.popleft()
                        worker.started = time.monotonic()
                        try:
                            worker.conn.send(worker.task)
                        except OSError:  # it died while idle; handle() records the task as crashed
                            pass
                self.wait_for_news(hard_limit)
                for worker in list(self.workers):
                    if self.handle(worker, hard_limit, record) and pending:
                        self.start_worker()
        finally:
            for worker in list(self.workers):
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
                worker.process.join(timeout=1.0)
                self.stop_worker(worker)

    def wait_for_news(self, hard_limit: float) -> None:
        """Block until a worker says something, dies, or a running task reaches its hard limit."""
        busy = [w.started + hard_limit for w in self.workers if w.task is not None]
        timeout = max(0.0, min(busy) - time.monotonic()) if busy else None
        wait([w.conn for w in self.workers] + [w.process.sentinel for w in self.workers], timeout)

    def handle(self, worker: _Worker, hard_limit: float, record: Callable[[TaskResult], None]) -> bool:
        """Take a worker's messages; stop it (and say so) when it died or overran its task."""
        dead = False
        try:
            while worker.conn.poll():
                kind, payload = worker.conn.recv()
                if kind == "ready":
                    worker.ready = True
                elif kind == "init_error":
                    raise WorkerStartError(f"a worker failed to build its candidate sources:\n{payload}")
                elif kind == "result":
                    record(payload)
                    worker.task = None
        except (EOFError, OSError):
            dead = True
        dead = dead or not worker.process.is_alive()
        elapsed = time.monotonic() - worker.started
        if dead:
            worker.process.join(timeout=1.0)
            code = worker.process.exitcode
            if not worker.ready:
                raise WorkerStartError(f"a worker died while building its candidate sources (exit code {code})")
            reason = f"worker crashed (exit code {code})"
        elif worker.task is not None and elapsed >= hard_limit:
            reason = f"timed out: killed after {elapsed:.1f}s (limit {hard_limit:.1f}s)"
        else:
            return False
        if worker.task is not None:
            record(fallback_result(worker.task, reason, elapsed))
        self.stop_worker(worker)
        return True
