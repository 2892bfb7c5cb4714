"""Hindsight relabelling: a program and some inputs make a task whose outputs are what the program produced.

`relabel(program, inputs)` is what the self-improvement loop calls on its own samples: a sampled
program that is wrong for the task it was meant for is still right for the task it *does* solve.
The same checks gate every synthetic task: the program runs on every input within small limits,
every output fits 30×30, and the task is not trivial (see `triviality`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from arc_kernel.dsl.errors import DSLError
from arc_kernel.dsl.types import value_key
from arc_kernel.interpreter import Limits, compile_program, run, run_trace
from arc_kernel.language.syntax import Program, print_program
from arc_kernel.task import MAX_SIDE, Pair, Task

SAMPLE_LIMITS = Limits(max_steps=2_000, seconds=0.1)  # for executing sampled programs


@dataclass(frozen=True)
class Outcome:
    """The outputs of a program on some inputs, or why they make no task (`reason`)."""

    outputs: tuple[np.ndarray, ...] | None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.reason is None


def same_grid(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a, b))


def triviality(inputs: Sequence[np.ndarray], outputs: Sequence[np.ndarray]) -> str | None:
    """Why these pairs make a poor task, or None: 'too_large' (an output over 30×30), 'identity'
    (output = input on the test pair or on more than one pair), 'constant' (every output the same)."""
    if any(o.shape[0] > MAX_SIDE or o.shape[1] > MAX_SIDE for o in outputs):
        return "too_large"
    unchanged = [same_grid(i, o) for i, o in zip(inputs, outputs)]
    if unchanged[-1] or sum(unchanged) > 1:
        return "identity"
    if all(same_grid(outputs[0], o) for o in outputs[1:]):
        return "constant"
    return None


def execute(program: Program, inputs: Sequence[np.ndarray], limits: Limits = SAMPLE_LIMITS) -> Outcome:
    """Run a checked program on every input; any error rejects (reason 'error:<ErrorClass>')."""
    outputs = []
    for grid in inputs:
        try:
            outputs.append(run(program, grid, limits))
        except DSLError as error:
            return Outcome(None, f"error:{type(error).__name__}")
    reason = triviality(inputs, outputs)
    return Outcome(None if reason else tuple(outputs), reason)


def execute_flat(program: Program, inputs: Sequence[np.ndarray], limits: Limits = SAMPLE_LIMITS) -> Outcome:
    """Like `execute` for a flat program (one call per line), also rejecting 'redundant' programs:
    a call whose values on all inputs equal those of the input or of another call of the same type
    (a shorter program computes the same)."""
    traces = []
    for grid in inputs:
        try:
            traces.append(run_trace(program, grid, limits))
        except DSLError as error:
            return Outcome(None, f"error:{type(error).__name__}")
    outputs = [trace["O"] for trace in traces]
    reason = triviality(inputs, outputs)
    if reason:
        return Outcome(None, reason)
    seen = set()
    for name in traces[0]:
        key = tuple(value_key(trace[name]) for trace in traces)
        if key in seen:
            return Outcome(None, "redundant")
        seen.add(key)
    return Outcome(tuple(outputs))


def build_task(inputs: Sequence[np.ndarray], outputs: Sequence[np.ndarray], task_id: str) -> Task:
    """The task whose demonstrations are all pairs but the last, and whose test pair is the last."""
    grids = [np.ascontiguousarray(g, dtype=np.uint8) for g in (*inputs, *outputs)]
    for grid in grids:
        grid.flags.writeable = False
    half = len(inputs)
    pairs = [Pair(grids[i], grids[half + i]) for i in range(half)]
    return Task(task_id, tuple(pairs[:-1]), (pairs[-1].input,), (pairs[-1].output,))


def relabel(program: Program | str, inputs: Sequence[np.ndarray], limits: Limits = SAMPLE_LIMITS, task_id: str | None = None) -> Task | None:
    """The task `program` solves on `inputs` (the last input becomes the test input), or None when the
    program fails to parse, type-check or run on some input, or the task would be trivial."""
    if len(inputs) < 2:
        return None
    try:
        if isinstance(program, str):
            program = compile_program(program)
    except DSLError:
        return None
    inputs = [np.asarray(g, dtype=np.uint8) for g in inputs]
    outcome = execute(program, inputs, limits)
    if not outcome.ok:
        return None
    if task_id is None:
        digest = hashlib.sha1(print_program(program).encode())
        for grid in inputs:
            digest.update(repr(grid.shape).encode() + grid.tobytes())
        task_id = "relabel-" + digest.hexdigest()[:12]
    return build_task(inputs, outcome.outputs, task_id)
