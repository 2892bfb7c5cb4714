"""`python -m arc_kernel run PROGRAM_FILE TASK_ID`: run one program on a task's demos and tests and show the results."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from arc_kernel.commands import add_task_arguments, load_tasks
from arc_kernel.dsl.errors import DSLError
from arc_kernel.interpreter import compile_program, run
from arc_kernel.render import grid_lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("program", type=Path, help="a file of program text")
    parser.add_argument("task_id")
    add_task_arguments(parser)


def main(args: argparse.Namespace) -> int:
    tasks = load_tasks(args)
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
        print("\n".join("  " + line for line in grid_lines(got, colour=False)))
    known = sum(1 for _, _, want in examples if want is not None)
    print(f"\n{right}/{known} known outputs right")
    return 0 if right == known else 1
