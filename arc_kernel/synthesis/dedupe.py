"""Semantic dedupe: two programs are the same task when they give the same outputs on fixed probe inputs.

The probes are a dozen grids drawn once from the input families with a fixed seed. A program that
fails on almost every probe (it needs inputs of a particular kind) is told apart by its own task's
grids as well, so different programs that merely fail alike on the probes are not merged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

import numpy as np

from arc_kernel.dsl.errors import DSLError
from arc_kernel.interpreter import Limits, run
from arc_kernel.language.syntax import Program
from arc_kernel.synthesis.inputs import DRAWN, Style
from arc_kernel.task import Task

PROBE_SEED = 20_240_601
PROBE_FAMILIES = ("objects", "objects", "noise", "lines", "symmetric", "periodic", "objects", "objects")
MIN_PROBES_RUN = 2  # below this many successful probes, the task's own grids join the signature
PROBE_LIMITS = Limits(max_steps=2_000, seconds=0.1)


@lru_cache(maxsize=1)
def probe_inputs() -> tuple[np.ndarray, ...]:
    """The fixed probe grids (sides 3..10, several families, backgrounds 0 and not 0)."""
    rng = np.random.default_rng(PROBE_SEED)
    grids = []
    for i, family in enumerate(PROBE_FAMILIES):
        background = 0 if i % 4 else int(rng.integers(1, 10))
        palette = tuple(int(c) for c in rng.choice([c for c in range(10) if c != background], size=3, replace=False))
        style = Style(family, background, palette, int(rng.integers(3, 11)), int(rng.integers(3, 11)), True)
        grid = np.ascontiguousarray(DRAWN[family](rng, style), dtype=np.uint8)
        grid.flags.writeable = False
        grids.append(grid)
    return tuple(grids)


def _task_bytes(task: Task) -> bytes:
    grids = [g for p in task.train for g in (p.input, p.output)] + list(task.test_inputs) + list(task.test_outputs or ())
    return b"".join(repr(g.shape).encode() + g.tobytes() for g in grids)


def signature(program: Program, task: Task | None = None) -> str:
    """A short hex fingerprint of what the program computes (equal programs give equal fingerprints)."""
    digest = hashlib.sha1()
    succeeded = 0
    for grid in probe_inputs():
        try:
            output = run(program, grid, PROBE_LIMITS)
            digest.update(repr(output.shape).encode() + output.tobytes())
            succeeded += 1
        except DSLError:
            digest.update(b"E")
    if succeeded < MIN_PROBES_RUN and task is not None:
        digest.update(b"task" + _task_bytes(task))
    return digest.hexdigest()[:20]


@dataclass
class Deduper:
    """Remembers signatures; `add` says whether one is new. `excluded` signatures (held-out) are never new."""

    seen: set[str] = field(default_factory=set)
    excluded: frozenset[str] = frozenset()

    def add(self, key: str) -> bool:
        if key in self.seen or key in self.excluded:
            return False
        self.seen.add(key)
        return True

    def update(self, keys: Iterable[str]) -> None:
        self.seen.update(keys)
