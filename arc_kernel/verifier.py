"""The verifier: a program is accepted for a task only if it reproduces every demonstration pair."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from arc_kernel.dsl.errors import DSLError
from arc_kernel.interpreter import Limits, compile_program, run
from arc_kernel.language.syntax import Program


@dataclass(frozen=True)
class Verification:
    """How a program fared on a task: demo pairs right, test outputs (None where it failed), first error."""

    train_correct: int
    train_total: int
    test_outputs: tuple[np.ndarray | None, ...]
    error: str | None = None

    @property
    def verified(self) -> bool:
        return self.train_total > 0 and self.train_correct == self.train_total


def verify(program: Program | str, task, limits: Limits = Limits(), stop_early: bool = True) -> Verification:
    """Run `program` on every demo pair of `task` (stopping at the first miss if `stop_early`), then on its test inputs."""
    try:
        if isinstance(program, str):
            program = compile_program(program)
    except DSLError as error:
        return Verification(0, len(task.train), tuple(None for _ in task.test_inputs), str(error))
    correct, error = 0, None
    for pair in task.train:
        try:
            output = run(program, pair.input, limits)
        except DSLError as failure:
            error = error or str(failure)
            output = None
        if output is not None and output.shape == pair.output.shape and np.array_equal(output, pair.output):
            correct += 1
        elif stop_early:
            break
    tests: list[np.ndarray | None] = []
    if correct == len(task.train) or not stop_early:
        for grid in task.test_inputs:
            try:
                tests.append(run(program, grid, limits))
            except DSLError as failure:
                error = error or str(failure)
                tests.append(None)
    else:
        tests = [None for _ in task.test_inputs]
    return Verification(correct, len(task.train), tuple(tests), error)
