"""`python -m arc_kernel run PROGRAM_FILE TASK_ID`: run one program on a task's demos and tests and show the results."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from arc_kernel.dsl.errors import DSLError
from arc_kernel.interpreter import compile_program, run


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", type=Path, help="a file of program text")
    parser.add_argument("task_id")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--dataset", help="a named dataset, e.g. arc1-train")
    where.add_argument("--challenges", type=Path, help="a Kaggle-style challenges file")
    parser.add_argument("--solutions", type=Path, help="solutions for --challenges")


def _grid_text(grid: np.ndarray) -> str:
    return "\n".join("  " + "".join(str(int(v)) for v in row) for row in grid)


def main(args: argparse.Namespace) -> int:
    from arc_kernel.datasets import load_challenges, load_dataset

    tasks = load_dataset(args.dataset) if args.dataset else load_challenges(args.challenges, args.solutions)
    if args.task_id not in tasks.tasks:
        print(f"error: no task {args.task_id!r} in {tasks.name}")
        return 2
    task = tasks.tasks[args.task_id]
    try:
        program = compile_program(args.program.read_text())
    except (OSError, DSLError) as error:
        print(f"error: {error}")
        return 2
    print(program, end="\n\n")
    right = 0
    examples = [(f"demo {i}", p.input, p.output) for i, p in enumerate(task.train)]
    outputs = task.test_outputs or (None,) * len(task.test_inputs)
    examples += [(f"test {i}", grid, want) for i, (grid, want) in enumerate(zip(task.test_inputs, outputs))]
    for name, grid, want in examples:
        try:
            got = run(program, grid)
        except DSLError as error:
            print(f"{name}: error: {error}")
            continue
        if want is None:
            verdict = "(no known output)"
        elif got.shape == want.shape and np.array_equal(got, want):
            verdict, right = "right", right + 1
        else:
            verdict = "wrong"
        print(f"{name}: {verdict}, output {got.shape[0]}x{got.shape[1]}")
        print(_grid_text(got))
    known = sum(1 for _, _, want in examples if want is not None)
    print(f"\n{right}/{known} known outputs right")
    return 0 if right == known else 1
