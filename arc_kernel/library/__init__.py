"""The solver library: hand-written DSL programs for ARC-1 *training* tasks, one `.arc` file per task.

The programs are data (parsed, never executed as Python). They prove the DSL's coverage and feed the
search prior and the synthetic data; `solve` never looks them up.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from arc_kernel.dsl.errors import DSLError
from arc_kernel.interpreter import compile_program
from arc_kernel.language.syntax import Program, count_symbols
from arc_kernel.verifier import verify

PROGRAMS_DIR = Path(__file__).parent / "programs"
TRAINING_TASKS = 400


def library_files(directory: Path = PROGRAMS_DIR) -> dict[str, Path]:
    """Task id → program file, sorted by task id."""
    return {path.stem: path for path in sorted(directory.glob("*.arc"))}


def load_program(path: Path) -> Program:
    """Parse and type-check one library program file."""
    return compile_program(path.read_text())


def load_library(directory: Path = PROGRAMS_DIR) -> dict[str, Program]:
    """Every library program that parses and type-checks, by task id."""
    programs = {}
    for task_id, path in library_files(directory).items():
        try:
            programs[task_id] = load_program(path)
        except DSLError:
            continue
    return programs


@dataclass
class LibraryEntry:
    task: str
    verified: bool
    lines: int
    symbols: int
    seconds: float
    error: str | None = None


def verify_entry(task_id: str, path: Path, tasks: dict) -> LibraryEntry:
    """Verify one library program on all demo *and* test pairs of its training task."""
    start = time.perf_counter()
    try:
        program = load_program(path)
    except DSLError as error:
        return LibraryEntry(task_id, False, 0, 0, time.perf_counter() - start, str(error))
    lines, symbols = len(program.lines), count_symbols(program)
    task = tasks.get(task_id)
    if task is None:
        return LibraryEntry(task_id, False, lines, symbols, 0.0, "not an ARC-1 training task")
    result = verify(program, task)
    tests_right = task.test_outputs is not None and all(
        got is not None and got.shape == want.shape and (got == want).all()
        for got, want in zip(result.test_outputs, task.test_outputs)
    )
    ok = result.verified and tests_right
    error = None if ok else (result.error or ("demo pair mismatch" if not result.verified else "test output mismatch"))
    return LibraryEntry(task_id, ok, lines, symbols, time.perf_counter() - start, error)


def verify_library(
    directory: Path = PROGRAMS_DIR, only: list[str] | None = None, tasks: dict | None = None
) -> list[LibraryEntry]:
    """Verify every library program (or those in `only`) against ARC-1 training tasks."""
    if tasks is None:
        from arc_kernel.datasets import load_dataset

        tasks = load_dataset("arc1-train").tasks
    files = library_files(directory)
    if only:
        files = {task_id: files[task_id] for task_id in only if task_id in files}
    return [verify_entry(task_id, path, tasks) for task_id, path in files.items()]


def summary_line(entries: list[LibraryEntry]) -> str:
    verified = [e for e in entries if e.verified]
    lines = statistics.median([e.lines for e in verified]) if verified else 0
    symbols = statistics.median([e.symbols for e in verified]) if verified else 0
    return (
        f"library: {len(verified)}/{len(entries)} verified, median {lines:g} lines, median {symbols:g} symbols, "
        f"covering {len(verified)} of {TRAINING_TASKS} ARC-1 training tasks"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", required=True)
    check = sub.add_parser("verify", help="verify every library program on its training task")
    check.add_argument("--report", type=Path, help="write per-task JSON here")
    check.add_argument("--tasks", help="comma-separated task ids (default: all)")
    check.add_argument("--verbose", action="store_true", help="print each failure")
    listing = sub.add_parser("primitives", help="list the DSL's primitives: name, type and description")
    listing.add_argument("--group", help="only this group (geometry, color, objects, selection, painting, ...)")
    listing.add_argument("--match", help="only names or descriptions containing this text")


def list_primitives(group: str | None = None, match: str | None = None) -> list[str]:
    """One line per registered primitive: `name  type  description`, sorted by group then name."""
    from arc_kernel.dsl import PRIMITIVES

    rows = []
    for name, prim in sorted(PRIMITIVES.items(), key=lambda item: (item[1].group, item[0])):
        if group and prim.group != group:
            continue
        if match and match.lower() not in f"{name} {prim.doc}".lower():
            continue
        rows.append(f"{prim.group:10s} {name:32s} {prim.type:40s} {prim.doc}")
    return rows


def main(args: argparse.Namespace) -> int:
    if args.action == "primitives":
        rows = list_primitives(args.group, args.match)
        print("\n".join(rows) if rows else "no primitive matches")
        return 0 if rows else 1
    only = args.tasks.split(",") if args.tasks else None
    from arc_kernel.datasets import load_dataset
    from arc_kernel.interpreter import CallCounter

    tasks = load_dataset("arc1-train").tasks
    calls_before, start = CallCounter.calls, time.perf_counter()
    entries = verify_library(only=only, tasks=tasks)
    seconds = time.perf_counter() - start
    calls = CallCounter.calls - calls_before
    for entry in entries:
        if not entry.verified and (args.verbose or only):
            print(f"FAIL {entry.task}: {entry.error}")
    if args.report:
        args.report.write_text(json.dumps({"seconds": seconds, "tasks": [asdict(e) for e in entries]}, indent=1))
    print(f"verified in {seconds:.2f} s: {calls} primitive calls, {calls / max(seconds, 1e-9):,.0f} calls/s")
    print(summary_line(entries))
    return 0 if all(e.verified for e in entries) else 1
