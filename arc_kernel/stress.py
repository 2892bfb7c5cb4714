"""Deadlines under stress: tasks built to make search and decoding expensive, and how well the limits hold.

`python -m arc_kernel stress` solves them in the process pool and reports how far each task ran past its
time, the workers' peak memory, and whether a Kaggle run's global deadline held (figures in RELIABILITY.md).
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from arc_kernel.solve import SolveConfig
from arc_kernel.task import Pair, Task

SIDE = 30


def _noise(rng: np.random.Generator, height: int = SIDE, width: int = SIDE) -> np.ndarray:
    return rng.integers(0, 10, size=(height, width), dtype=np.uint8)


def _dots(rng: np.random.Generator) -> np.ndarray:
    """Every other cell of every other row coloured: 225 one-cell objects on a 30x30 grid."""
    grid = np.zeros((SIDE, SIDE), dtype=np.uint8)
    grid[::2, ::2] = rng.integers(1, 10, size=(SIDE // 2, SIDE // 2))
    return grid


def stress_tasks(seed: int = 0) -> list[Task]:
    """Expensive tasks: 30x30 noise, hundreds of objects, 100 test inputs, 20 demo pairs, odd shapes."""
    rng = np.random.default_rng(seed)
    tasks = [
        Task("noise", tuple(Pair(_noise(rng), _noise(rng)) for _ in range(4)), (_noise(rng),)),
        Task("noise_flipped", tuple(Pair(g, g[:, ::-1]) for g in (_noise(rng) for _ in range(4))), (_noise(rng),)),
        Task("dots", tuple(Pair(g, np.where(g > 0, 5, 0).astype(np.uint8)) for g in (_dots(rng) for _ in range(3))),
             (_dots(rng),)),
        Task("dots_unrelated", tuple(Pair(_dots(rng), _dots(rng)) for _ in range(4)), (_dots(rng), _dots(rng))),
        Task("long_tests", tuple(Pair(_noise(rng), _noise(rng)) for _ in range(3)), tuple(_noise(rng) for _ in range(100))),
        Task("many_pairs", tuple(Pair(_noise(rng), _noise(rng)) for _ in range(20)), (_noise(rng),)),
        Task("odd_shapes", (Pair(_noise(rng, 1, SIDE), _noise(rng)), Pair(_noise(rng, SIDE, 1), _noise(rng, 1, 1))),
             (_noise(rng, 1, 1), _noise(rng, SIDE, 2))),
    ]
    for task in tasks:
        for grid in [g for p in task.train for g in (p.input, p.output)] + list(task.test_inputs):
            grid.setflags(write=False)
    return tasks


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory in MB of this process (RUSAGE_SELF) or of its largest finished child (RUSAGE_CHILDREN)."""
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports kilobytes


@dataclass
class StressReport:
    """Per task: seconds taken and the excess over its limit; the workers' peak memory; the global deadline."""

    time_per_task: float
    workers: int
    seconds: dict[str, float] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    worker_peak_mb: float = 0.0
    budget_seconds: float = 0.0
    global_seconds: float = 0.0
    global_valid: bool = False

    @property
    def worst_excess(self) -> float:
        """The largest fraction by which a task ran past its limit (0.05 is 5% over; negative: under)."""
        return max(s / self.time_per_task - 1 for s in self.seconds.values())

    def summary(self) -> str:
        return (f"{len(self.seconds)} tasks at {self.time_per_task:g}s each on {self.workers} workers: worst "
                f"{max(self.seconds.values()):.2f}s ({100 * self.worst_excess:+.1f}%), {len(self.errors)} cut off or "
                f"failed; worker peak RSS {self.worker_peak_mb:.0f} MB; global budget {self.budget_seconds:g}s "
                f"took {self.global_seconds:.1f}s, submission {'valid' if self.global_valid else 'INVALID'}")


def measure(time_per_task: float = 2.0, workers: int = 2, budget: float = 20.0, seed: int = 0,
            progress: bool = False) -> StressReport:
    """Solve the stress tasks in the pool (search only), then run a Kaggle-style job over them with a global budget."""
    from arc_kernel.kaggle import CHALLENGES_FILE, KaggleConfig, run_submission
    from arc_kernel.runner import run_tasks

    tasks = stress_tasks(seed)
    report = StressReport(time_per_task, workers)
    config = SolveConfig(time_per_task=time_per_task, seed=seed, use_model=False)
    for task_id, result in run_tasks(tasks, config, workers=workers, progress=progress).items():
        report.seconds[task_id] = result.seconds
        if result.error:
            report.errors[task_id] = result.error
    report.worker_peak_mb = peak_rss_mb(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / CHALLENGES_FILE).write_text(json.dumps({t.id: t.to_json() for t in tasks}))
        started = time.monotonic()
        run = run_submission(KaggleConfig(data_dir=folder, output_path=str(Path(folder) / "submission.json"),
                                          time_budget_seconds=budget, workers=workers, use_model=False,
                                          debug_budget_seconds=0, started=started))
        report.budget_seconds, report.global_seconds = budget, time.monotonic() - started
        report.global_valid = not run.problems
    return report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--time-per-task", type=float, default=2.0, metavar="S")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--budget", type=float, default=20.0, metavar="S", help="global budget of the Kaggle-style run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", metavar="PATH", help="write the report as JSON")


def main(args: argparse.Namespace) -> int:
    report = measure(args.time_per_task, args.workers, args.budget, args.seed, progress=True)
    for task_id, seconds in report.seconds.items():
        print(f"{task_id:16s} {seconds:6.2f}s  {report.errors.get(task_id, '')}")
    if args.json:
        Path(args.json).write_text(json.dumps(asdict(report), indent=1))
    print(report.summary())
    return 0 if report.global_valid else 1
