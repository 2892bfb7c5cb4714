"""The interpreter: run a checked program on a grid within a step, time and value-size budget.

Every failure is a typed `DSLError`; an unexpected Python exception inside a primitive becomes a
`PrimitiveError`, so no program can crash the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.dsl.errors import DSLError, LimitError, PrimitiveError
from arc_kernel.dsl.limits import MAX_INT, Budget, activate, check_count, check_grid_shape
from arc_kernel.dsl.types import as_grid
from arc_kernel.language.syntax import Const, Expression, Program, Ref, Var, parse
from arc_kernel.language.typecheck import check


@dataclass(frozen=True)
class Limits:
    """Per-run caps: primitive calls (including calls made through function arguments) and seconds."""

    max_steps: int = 20_000
    seconds: float = 1.0


class CallCounter:
    """Primitive calls made by all runs in this process (for throughput figures)."""

    calls = 0


def check_value(value: object) -> object:
    """Raise LimitError if a value is beyond the caps; grids are frozen so no later call can mutate them."""
    if isinstance(value, np.ndarray):
        if value.ndim != 2:
            raise PrimitiveError(f"a grid must be 2-D, got {value.ndim}-D")
        check_grid_shape(*value.shape)
        if value.dtype != np.uint8 or value.flags.writeable:
            value = as_grid(value)
    elif isinstance(value, tuple):
        check_count(len(value))
    elif isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        if abs(int(value)) > MAX_INT:
            raise LimitError(f"integer {int(value)} beyond ±{MAX_INT}")
        value = int(value)
    return value


def _call(name: str, args: list[object], budget: Budget) -> object:
    budget.tick()
    try:
        result = PRIMITIVES[name].function(*args)
    except DSLError:
        raise
    except (RecursionError, MemoryError) as error:
        raise LimitError(f"{name}: {type(error).__name__}") from None
    except Exception as error:  # a primitive's own failure on these arguments
        raise PrimitiveError(f"{name}: {type(error).__name__}: {error}") from None
    return check_value(result)


def _function(name: str, budget: Budget) -> Callable[..., object]:
    """A primitive as a function value; each call through it spends a step."""

    def apply(*args: object) -> object:
        return _call(name, list(args), budget)

    apply.__name__ = name
    return apply


def _evaluate(expression: Expression, variables: dict[str, object], budget: Budget) -> object:
    if isinstance(expression, Var):
        return variables[expression.name]
    if isinstance(expression, Const):
        return expression.value
    if isinstance(expression, Ref):
        return _function(expression.name, budget)
    args = [_evaluate(argument, variables, budget) for argument in expression.args]
    return _call(expression.name, args, budget)


def run(program: Program, grid: np.ndarray, limits: Limits = Limits()) -> np.ndarray:
    """Run a type-checked program on one input grid and return its output grid."""
    return run_trace(program, grid, limits)["O"]


def run_trace(program: Program, grid: np.ndarray, limits: Limits = Limits()) -> dict[str, object]:
    """Run a program and return every variable's value (the input `I` included)."""
    budget = Budget(max_steps=limits.max_steps, seconds=limits.seconds).start()
    variables: dict[str, object] = {"I": as_grid(grid)}
    activate(budget)
    try:
        for line in program.lines:
            variables[line.target] = _evaluate(line.expression, variables, budget)
            budget.tick(0)
    finally:
        activate(None)
        CallCounter.calls += budget.steps
    output = variables["O"]
    if not isinstance(output, np.ndarray):
        raise PrimitiveError(f"O is a {type(output).__name__}, not a grid")
    return variables


@lru_cache(maxsize=4096)
def compile_program(text: str) -> Program:
    """Parse and type-check program text (cached); raises ParseError or TypeCheckError."""
    program = parse(text)
    check(program)
    return program


__all__ = ["Limits", "run", "run_trace", "compile_program", "check_value", "CallCounter"]
