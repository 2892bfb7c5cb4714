"""The Kaggle run: find the data, write a fallback submission first, then improve it within one global deadline.

The notebook built by build_submission.py calls `prepare_packages` and `run_submission`; everything that can
go wrong after the fallback is written (a crashing solver, a hung worker, the deadline) leaves a complete,
valid submission.json behind.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator, Sequence

from .datasets import TaskSet, load_challenges
from .runner import run_tasks
from .solve import CandidateSource, SolveConfig, TaskResult, build_sources, fallback_result, malformed_result
from .submission import read_submission, score_submission, validate_submission, write_submission

CHALLENGES_FILE = "arc-agi_test_challenges.json"
DATASET_MARKER = "arc_kernel_dataset.json"  # written by build_submission.py at the top of the weights dataset
KILL_AFTER = 2.0  # seconds a task may overrun its budget before the runner kills its worker
FAULTS = ("", "solve", "workers", "hang")  # tests only: make that stage raise (or hang)


@dataclass
class KaggleConfig:
    """One Kaggle run. Times are seconds; `started` is a time.monotonic() value (default: now)."""

    data_dir: str = ""  # folder holding arc-agi_test_challenges.json (or the file); "" searches input_root
    output_path: str = "/kaggle/working/submission.json"
    time_budget_seconds: float = 11 * 3600  # the whole run, counted from `started`; Kaggle stops at 12 h
    workers: int | None = None  # worker processes (None: all CPU cores)
    use_search: bool = True
    use_model: bool = True
    weights_dir: str = ""  # "" uses the weights of the attached bundle dataset, if any
    wheels_dir: str = ""  # "" uses the wheels of the attached bundle dataset, if any
    debug_budget_seconds: float = 900.0  # the budget when the test file is the public placeholder (0: no debug run)
    seed: int = 0
    checkpoints: int = 8  # the submission is rewritten after each of about this many chunks of tasks
    reserve_seconds: float = 120.0  # kept back at the end (at most a tenth of the budget) to write and validate
    min_time_per_task: float = 0.5
    max_time_per_task: float = 1800.0
    input_root: str = "/kaggle/input"
    fault: str = ""  # tests only: "solve" raises in the solve stage, "workers" in every worker's start-up,
    # "hang" makes every worker's start-up hang (only the deadline alarm ends it)
    started: float | None = None


@dataclass
class RunReport:
    """What a run did: where it read and wrote, how long it took, what it solved, what went wrong."""

    challenges: str
    output_path: str
    tasks: int
    with_program: int = 0
    placeholder: bool = False
    budget_seconds: float = 0.0
    seconds: float = 0.0
    overhead_seconds: float = 0.0  # from `started` until the first task was handed to a worker
    chunks: list[dict] = field(default_factory=list)  # per chunk: tasks, time_per_task, seconds
    errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # validation problems of the final file (empty: valid)
    score: str | None = None  # the score line, when the test outputs are known (the placeholder run)

    def line(self) -> str:
        """One line for the log."""
        return (f"wrote {self.output_path}: {self.tasks} tasks, {self.with_program} with a program, "
                f"{self.seconds:.1f}s of a {self.budget_seconds:.0f}s budget, {len(self.errors)} errors, "
                f"{'valid' if not self.problems else f'{len(self.problems)} problems'}")


class DeadlineReached(Exception):
    """The global deadline passed while tasks were still being solved."""


def log(message: str, started: float | None = None) -> None:
    """Print a line (with seconds since `started`) and flush, so Kaggle's log keeps it even if the run dies."""
    prefix = f"[{time.monotonic() - started:8.1f}s] " if started is not None else ""
    print(prefix + message, flush=True)


def find_challenges(data_dir: str = "", input_root: str = "/kaggle/input") -> Path:
    """The test challenges file: in `data_dir` (a folder or the file itself), else the newest
    `input_root/arc-prize-*/`, else any folder under `input_root` holding one."""
    if data_dir:
        path = Path(data_dir)
        path = path if path.is_file() else path / CHALLENGES_FILE
        if not path.is_file():
            raise FileNotFoundError(f"no {CHALLENGES_FILE} in {data_dir}")
        return path
    root = Path(input_root)
    found = sorted(root.glob(f"arc-prize-*/{CHALLENGES_FILE}")) or sorted(root.glob(f"*/{CHALLENGES_FILE}")) \
        or sorted(root.glob(f"*/*/{CHALLENGES_FILE}"))
    if not found:
        raise FileNotFoundError(f"no {CHALLENGES_FILE} under {input_root}/ (attach the competition data)")
    return found[-1]


def find_bundle_dataset(input_root: str = "/kaggle/input") -> Path | None:
    """The attached dataset that build_submission.py wrote (it holds DATASET_MARKER), or None."""
    root = Path(input_root)
    for pattern in (DATASET_MARKER, f"*/{DATASET_MARKER}", f"*/*/{DATASET_MARKER}", f"*/*/*/{DATASET_MARKER}"):
        found = sorted(root.glob(pattern))
        if found:
            return found[0].parent
    return None


def find_weights(config: KaggleConfig) -> Path | None:
    """The weights folder: `weights_dir`, else the bundle dataset's weights/, else the repository's; None if empty."""
    candidates = [Path(config.weights_dir)] if config.weights_dir else []
    dataset = find_bundle_dataset(config.input_root)
    if dataset is not None:
        candidates.append(dataset / "weights")
    candidates.append(Path(__file__).resolve().parent.parent / "weights")
    for path in candidates:
        if path.is_dir() and any(p.is_file() and not p.name.startswith(".") for p in path.rglob("*")):
            return path
    return None


def gpu_present() -> bool:
    """Whether an NVIDIA GPU is visible, found without importing torch (which would make workers spawn)."""
    gpus = Path("/proc/driver/nvidia/gpus")
    return (gpus.is_dir() and any(gpus.iterdir())) or Path("/dev/nvidia0").exists()


def install_missing(packages: Sequence[str], wheels_dir: Path | None, timeout: float = 600.0) -> list[str]:
    """pip-install, offline from `wheels_dir`, those of `packages` that do not import; returns what is still missing."""
    missing = [name for name in packages if importlib.util.find_spec(name) is None]
    if missing and wheels_dir is not None and wheels_dir.is_dir():
        command = [sys.executable, "-m", "pip", "install", "--no-index", "--find-links", str(wheels_dir), *missing]
        try:
            subprocess.run(command, check=False, timeout=timeout, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        except (OSError, subprocess.SubprocessError) as error:
            log(f"offline install of {', '.join(missing)} failed: {error}")
        importlib.invalidate_caches()
        missing = [name for name in missing if importlib.util.find_spec(name) is None]
    return missing


def prepare_packages(config: KaggleConfig) -> KaggleConfig:
    """Make the model's packages importable (peft; bitsandbytes on a GPU) from the bundled wheels; torch is the
    image's own. Returns the config with use_model off when the weights or packages are not there."""
    if not config.use_model:
        return config
    weights = find_weights(config)
    if weights is None:
        log("no model weights found: running without the model")
        return replace(config, use_model=False)
    dataset = find_bundle_dataset(config.input_root)
    wheels = Path(config.wheels_dir) if config.wheels_dir else (dataset / "wheels" if dataset else None)
    absent = [name for name in ("torch", "transformers") if importlib.util.find_spec(name) is None]
    if absent:  # the image's own; never installed here
        log(f"cannot import {', '.join(absent)}: running without the model")
        return replace(config, use_model=False)
    missing = install_missing(["peft"] + (["bitsandbytes"] if gpu_present() else []), wheels)
    if "peft" in missing:
        log("cannot import peft (and no wheel for it): running without the model")
        return replace(config, use_model=False)
    os.environ["ARC_KERNEL_WEIGHTS"] = str(weights)
    link_weights(weights)
    log(f"model weights: {weights}" + (" (no bitsandbytes: no 4-bit loading)" if missing else ""))
    return replace(config, weights_dir=str(weights))


def link_weights(weights: Path) -> None:
    """Make `weights` appear next to this package as in the repository (`<root>/weights`), if nothing is there."""
    target = Path(__file__).resolve().parent.parent / "weights"
    if target.exists() or target.is_symlink():
        return
    try:
        target.symlink_to(weights.resolve(), target_is_directory=True)
    except OSError as error:
        log(f"could not link {target} to {weights}: {error}")


def is_placeholder(challenges: Path, ids: Sequence[str]) -> bool:
    """True when the test file is Kaggle's public placeholder: all its tasks are in the evaluation file beside it."""
    evaluation = challenges.with_name("arc-agi_evaluation_challenges.json")
    if not ids or not evaluation.is_file():
        return False
    try:
        known = json.loads(evaluation.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(known, dict) and all(i in known for i in ids)


def time_per_task(tasks_left: int, workers: int, seconds_left: float, config: KaggleConfig) -> float:
    """Seconds each remaining task gets so that all of them, `workers` at a time, end within `seconds_left`."""
    rounds = math.ceil(tasks_left / max(1, workers))
    return min(config.max_time_per_task, seconds_left / max(1, rounds) - KILL_AFTER)


def failing_sources(config: SolveConfig) -> list[CandidateSource]:
    """Tests only: a sources factory that fails in every worker, as a broken model load would."""
    raise RuntimeError("fault injected: building the candidate sources failed")


def hanging_sources(config: SolveConfig) -> list[CandidateSource]:
    """Tests only: a sources factory that never returns, as a stuck model load would."""
    time.sleep(24 * 3600)
    return []


@contextmanager
def alarm_at(deadline: float) -> Iterator[None]:
    """Raise DeadlineReached in this (main) thread at `deadline` (time.monotonic()); a no-op off the main thread."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(signum, frame):
        raise DeadlineReached("the global deadline passed while solving")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, max(0.01, deadline - time.monotonic()))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fallback_results(task_set: TaskSet) -> dict[str, TaskResult]:
    """A fallback result for every task id of the file, malformed ones included."""
    results = {i: fallback_result(t) for i, t in task_set.tasks.items()}
    for task_id, problem in task_set.errors.items():
        results[task_id] = malformed_result(task_id, task_set.test_count(task_id), problem)
    return dict(sorted(results.items()))


def run_submission(config: KaggleConfig) -> RunReport:
    """Write a fallback submission at once, then solve the tasks in chunks, each with a per-task time derived
    from the time left, rewriting the submission after each chunk; validate it at the end."""
    started = time.monotonic() if config.started is None else config.started
    challenges = find_challenges(config.data_dir, config.input_root)
    task_set = load_challenges(challenges)
    test_counts = {i: task_set.test_count(i) for i in task_set.ids}
    results = fallback_results(task_set)
    write_submission(config.output_path, results)
    report = RunReport(str(challenges), config.output_path, len(test_counts))
    log(f"{len(test_counts)} tasks from {challenges} ({len(task_set.errors)} malformed); fallback submission written",
        started)

    budget = config.time_budget_seconds
    report.placeholder = is_placeholder(challenges, task_set.ids)
    if report.placeholder and config.debug_budget_seconds > 0:
        budget = min(budget, config.debug_budget_seconds)
        log(f"the test file is the public placeholder: a debug run of {budget:.0f}s", started)
    report.budget_seconds = budget
    deadline = started + budget
    end_solving = deadline - min(config.reserve_seconds, budget / 10)
    try:
        _solve_in_chunks(config, task_set, results, report, started, end_solving)
    except Exception as error:  # noqa: BLE001 -- whatever happens, the fallbacks stand
        report.errors.append(f"solving stopped: {type(error).__name__}: {error}")
        log(report.errors[-1], started)

    submission = write_submission(config.output_path, results)
    report.problems = validate_submission(read_submission(config.output_path), test_counts)
    if report.problems:  # never expected; fall back to the plain fallbacks, which are valid by construction
        log(f"submission invalid ({report.problems[0]}); rewriting it with fallbacks", started)
        submission = write_submission(config.output_path, fallback_results(task_set))
        report.problems = validate_submission(read_submission(config.output_path), test_counts)
    report.with_program = sum(r.program is not None for r in results.values())
    report.seconds = time.monotonic() - started
    solutions = _placeholder_solutions(challenges, task_set.ids) if report.placeholder else {}
    if solutions:
        report.score = score_submission(submission, solutions).line()
        log(report.score, started)
    log(report.line(), started)
    return report


def _solve_in_chunks(config: KaggleConfig, task_set: TaskSet, results: dict[str, TaskResult], report: RunReport,
                     started: float, end_solving: float) -> None:
    if config.fault not in FAULTS:
        raise ValueError(f"unknown fault {config.fault!r}; one of {FAULTS}")
    if config.fault == "solve":
        raise RuntimeError("fault injected: the solver raised")
    tasks = list(task_set.tasks.values())
    workers = max(1, min(config.workers or os.cpu_count() or 1, len(tasks) or 1))
    solve_config = SolveConfig(seed=config.seed, use_search=config.use_search, use_model=config.use_model)
    factory = {"workers": failing_sources, "hang": hanging_sources}.get(config.fault, build_sources)
    chunk_size = workers * max(1, math.ceil(len(tasks) / workers / max(1, config.checkpoints)))
    log(f"solving {len(tasks)} tasks with {workers} workers, {'a GPU' if gpu_present() else 'no GPU'}, "
        f"search {'on' if config.use_search else 'off'}, model {'on' if config.use_model else 'off'}", started)
    done = 0
    while done < len(tasks):
        seconds_left = end_solving - time.monotonic()
        per_task = time_per_task(len(tasks) - done, workers, seconds_left, config)
        size = chunk_size
        if per_task < config.min_time_per_task:  # too little time for all: give as many as fit the minimum
            per_task = config.min_time_per_task
            size = min(size, workers * math.floor(seconds_left / (per_task + KILL_AFTER)))
            if size < 1:
                log(f"time is up: {len(tasks) - done} tasks keep their fallback", started)
                return
        chunk = tasks[done:done + size]
        if not report.chunks:
            report.overhead_seconds = time.monotonic() - started
            log(f"first task handed out {report.overhead_seconds:.2f}s after the start", started)
        chunk_start = time.monotonic()
        solve_config.time_per_task = per_task
        with alarm_at(end_solving + KILL_AFTER):
            solved = run_tasks(chunk, solve_config, workers=min(workers, len(chunk)), progress=True,
                               sources_factory=factory, kill_after=KILL_AFTER)
        results.update(solved)
        report.errors += [f"{r.task_id}: {r.error}" for r in solved.values() if r.error]
        report.chunks.append({"tasks": len(chunk), "time_per_task": round(per_task, 2),
                              "seconds": round(time.monotonic() - chunk_start, 2)})
        done += len(chunk)
        write_submission(config.output_path, results)
        log(f"{done}/{len(tasks)} tasks done ({per_task:.1f}s each), "
            f"{sum(r.program is not None for r in results.values())} with a program; submission rewritten", started)


def _placeholder_solutions(challenges: Path, ids: Sequence[str]) -> dict[str, tuple]:
    """The evaluation solutions beside a placeholder test file, for the tasks in it (empty when absent)."""
    from .datasets import load_solutions

    path = challenges.with_name("arc-agi_evaluation_solutions.json")
    try:
        solutions = load_solutions(path) if path.is_file() else {}
    except (ValueError, OSError):
        return {}
    return {i: solutions[i] for i in ids if i in solutions}
