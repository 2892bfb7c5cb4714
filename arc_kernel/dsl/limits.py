"""Caps on every value a primitive may build, and the step/time budget of one program run.

Primitives call `check_grid_shape` *before* allocating and `tick` inside long loops, so no program
can allocate a gigantic value or spin forever.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from arc_kernel.dsl.errors import LimitError

MAX_SIDE = 60  # no grid may be taller or wider than this
MAX_OBJECTS = 10_000  # no container may hold more items than this
MAX_INT = 1_000  # integers computed by primitives stay within ±MAX_INT


def check_grid_shape(height: int, width: int) -> None:
    """Raise LimitError unless a height × width grid is within the caps (and non-empty)."""
    if height < 1 or width < 1:
        from arc_kernel.dsl.errors import PrimitiveError

        raise PrimitiveError(f"empty grid {height}x{width}")
    if height > MAX_SIDE or width > MAX_SIDE:
        raise LimitError(f"grid {height}x{width} exceeds the {MAX_SIDE}x{MAX_SIDE} cap")


def check_count(count: int) -> None:
    """Raise LimitError if a container would hold more than MAX_OBJECTS items."""
    if count > MAX_OBJECTS:
        raise LimitError(f"{count} items exceed the cap of {MAX_OBJECTS}")


@dataclass
class Budget:
    """Steps and wall time left to one program run; `tick` spends one step."""

    max_steps: int = 20_000
    seconds: float = 1.0
    steps: int = 0
    deadline: float = 0.0

    def start(self) -> "Budget":
        self.steps = 0
        self.deadline = time.monotonic() + self.seconds
        return self

    def tick(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > self.max_steps:
            raise LimitError(f"program ran more than {self.max_steps} steps")
        # Every tick looks at the clock: checking only every 64th let 60 slow calls of a function argument
        # (e.g. map_grids over 60 grids of 60x60) run 15 s past a 1 s cap. The check costs ~60 ns.
        if time.monotonic() > self.deadline:
            raise LimitError(f"program ran longer than {self.seconds:g} s")


_active: Budget | None = None


def activate(budget: Budget | None) -> None:
    """Make `budget` the one `tick` spends (the interpreter does this around each run)."""
    global _active
    _active = budget


def tick(steps: int = 1) -> None:
    """Spend steps of the running program's budget; a no-op outside a run."""
    if _active is not None:
        _active.tick(steps)
