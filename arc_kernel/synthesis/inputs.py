"""Input grids for synthetic tasks: several families of drawn grids plus real ARC-1 training grids.

One call draws the inputs of one task: a family and a style (background, palette, sizes) are chosen
once, so a task's inputs look alike the way an ARC task's do. Families: noise, objects on a
background, lines and separators, symmetric patterns, periodic patterns, ARC-1 *training* grids
(inputs or outputs of one task) and perturbations of them (colours permuted, turned, cropped, specks).
Sides run from 1 to 30. ARC-1 evaluation grids are never used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

import numpy as np

MAX_SIDE = 30
_SIDES = np.arange(1, MAX_SIDE + 1)
_SIDE_WEIGHTS = np.array([0.3, 0.6] + [2.0] * 13 + [1.0] * 8 + [0.5] * 7)
_SIDE_WEIGHTS = _SIDE_WEIGHTS / _SIDE_WEIGHTS.sum()


@dataclass(frozen=True)
class Style:
    """What a task's inputs share: family, background, palette and size range."""

    family: str
    background: int
    palette: tuple[int, ...]
    height: int
    width: int
    same_size: bool


@dataclass(frozen=True)
class InputSet:
    """The inputs of one task, the family they come from and, for ARC grids, the training task's id."""

    grids: tuple[np.ndarray, ...]
    family: str
    source_task: str | None = None

    @property
    def palette(self) -> tuple[int, ...]:
        """Colours present in the grids, most common first."""
        counts = np.zeros(10, dtype=np.int64)
        for grid in self.grids:
            counts += np.bincount(grid.ravel(), minlength=10)
        return tuple(int(c) for c in np.argsort(-counts, kind="stable") if counts[c] > 0)


def side(rng: np.random.Generator, low: int = 1) -> int:
    """A grid side, 1..30, mostly 3..15 like ARC's."""
    return max(low, int(rng.choice(_SIDES, p=_SIDE_WEIGHTS)))


def sample_style(rng: np.random.Generator, family: str, low: int = 1) -> Style:
    background = 0 if rng.random() < 0.7 else int(rng.integers(10))
    others = [c for c in range(10) if c != background]
    palette = tuple(int(c) for c in rng.choice(others, size=int(rng.integers(1, 6)), replace=False))
    return Style(family, background, palette, side(rng, low), side(rng, low), bool(rng.random() < 0.4))


def _size(rng: np.random.Generator, style: Style, low: int) -> tuple[int, int]:
    if style.same_size:
        return max(low, style.height), max(low, style.width)
    jitter = lambda s: int(np.clip(s + rng.integers(-3, 4), low, MAX_SIDE))  # noqa: E731
    return jitter(style.height), jitter(style.width)


def _blank(style: Style, height: int, width: int) -> np.ndarray:
    return np.full((height, width), style.background, dtype=np.uint8)


def noise(rng: np.random.Generator, style: Style) -> np.ndarray:
    """Scattered cells of the palette on the background."""
    height, width = _size(rng, style, 1)
    grid = _blank(style, height, width)
    mask = rng.random((height, width)) < rng.uniform(0.05, 0.6)
    grid[mask] = rng.choice(style.palette, size=int(mask.sum()))
    return grid


def sprite(rng: np.random.Generator, height: int, width: int) -> np.ndarray:
    """A boolean mask of one shape within height × width: a filled or hollow box, or a grown blob."""
    kind = rng.random()
    if kind < 0.3:
        return np.ones((height, width), dtype=bool)
    if kind < 0.45 and height >= 3 and width >= 3:
        mask = np.ones((height, width), dtype=bool)
        mask[1:-1, 1:-1] = False
        return mask
    cells = [(int(rng.integers(height)), int(rng.integers(width)))]
    taken = set(cells)
    steps = rng.integers(0, 4, size=int(rng.integers(1, height * width + 1)))
    picks = rng.random(len(steps))
    for step, pick in zip(steps, picks):  # grow from a random cell of the blob in a random direction
        row, col = cells[int(pick * len(cells))]
        d_row, d_col = ((0, 1), (1, 0), (0, -1), (-1, 0))[step]
        cell = (row + d_row, col + d_col)
        if 0 <= cell[0] < height and 0 <= cell[1] < width and cell not in taken:
            taken.add(cell)
            cells.append(cell)
    mask = np.zeros((height, width), dtype=bool)
    mask[tuple(np.array(cells).T)] = True
    return mask


def objects(rng: np.random.Generator, style: Style) -> np.ndarray:
    """A few separate shapes (boxes, outlines, blobs; one colour or several) on the background."""
    height, width = _size(rng, style, 3)
    grid = _blank(style, height, width)
    taken = np.zeros((height, width), dtype=bool)
    for _ in range(int(rng.integers(1, 7))):
        for _attempt in range(10):
            h = int(rng.integers(1, min(6, height) + 1))
            w = int(rng.integers(1, min(6, width) + 1))
            top, left = int(rng.integers(height - h + 1)), int(rng.integers(width - w + 1))
            halo = taken[max(0, top - 1): top + h + 1, max(0, left - 1): left + w + 1]
            if not halo.any():
                break
        else:
            continue
        mask = sprite(rng, h, w)
        if rng.random() < 0.2:
            colors = rng.choice(style.palette, size=(h, w))
        else:
            colors = np.full((h, w), rng.choice(style.palette), dtype=np.uint8)
        window = grid[top: top + h, left: left + w]
        window[mask] = colors[mask]
        taken[top: top + h, left: left + w] |= mask
    return grid


def lines(rng: np.random.Generator, style: Style) -> np.ndarray:
    """Full rows and columns of one colour (separators, sometimes a regular lattice) and a few specks."""
    height, width = _size(rng, style, 3)
    grid = _blank(style, height, width)
    specks = rng.random((height, width)) < rng.uniform(0.0, 0.25)
    grid[specks] = rng.choice(style.palette, size=int(specks.sum()))
    color = int(rng.choice(style.palette))
    if rng.random() < 0.4:
        step = int(rng.integers(2, 6))
        rows, cols = np.arange(step, height, step + 1), np.arange(step, width, step + 1)
    else:
        rows = rng.choice(height, size=int(rng.integers(0, min(3, height) + 1)), replace=False)
        cols = rng.choice(width, size=int(rng.integers(0 if len(rows) else 1, min(3, width) + 1)), replace=False)
    grid[rows, :] = color
    grid[:, cols] = color
    return grid


def symmetric(rng: np.random.Generator, style: Style) -> np.ndarray:
    """A pattern mirrored left-right, top-bottom, both ways or turned half round; sometimes with a hole."""
    height, width = _size(rng, style, 2)
    base = noise(rng, Style(style.family, style.background, style.palette, height, width, True))
    kind = int(rng.integers(4))
    if kind in (0, 2):
        base[:, width - width // 2:] = base[:, : width // 2][:, ::-1]
    if kind in (1, 2):
        base[height - height // 2:, :] = base[: height // 2, :][::-1, :]
    if kind == 3:
        base[height - height // 2:, :] = np.rot90(base, 2)[height - height // 2:, :]
    if rng.random() < 0.3 and height >= 4 and width >= 4:
        h, w = int(rng.integers(1, height // 2 + 1)), int(rng.integers(1, width // 2 + 1))
        top, left = int(rng.integers(height - h + 1)), int(rng.integers(width - w + 1))
        base[top: top + h, left: left + w] = rng.choice([c for c in range(10) if c not in style.palette] or [0])
    return base


def periodic(rng: np.random.Generator, style: Style) -> np.ndarray:
    """A small motif tiled over the grid; sometimes a patch of it is blotted out."""
    height, width = _size(rng, style, 2)
    motif = rng.choice((style.background, *style.palette), size=(int(rng.integers(1, 5)), int(rng.integers(1, 5))))
    reps = (height // motif.shape[0] + 1, width // motif.shape[1] + 1)
    grid = np.tile(motif, reps)[:height, :width].astype(np.uint8)
    if rng.random() < 0.3 and height >= 3 and width >= 3:
        h, w = int(rng.integers(1, height // 2 + 1)), int(rng.integers(1, width // 2 + 1))
        top, left = int(rng.integers(height - h + 1)), int(rng.integers(width - w + 1))
        grid[top: top + h, left: left + w] = style.background
    return grid


@lru_cache(maxsize=1)
def training_grids() -> tuple[tuple[str, tuple[np.ndarray, ...], tuple[np.ndarray, ...]], ...]:
    """(task id, inputs, outputs) of every ARC-1 training task, demonstration and test grids alike."""
    from arc_kernel.datasets import load_dataset

    found = []
    for task_id, task in load_dataset("arc1-train").tasks.items():
        inputs = tuple(p.input for p in task.train) + tuple(task.test_inputs)
        outputs = tuple(p.output for p in task.train) + tuple(task.test_outputs or ())
        found.append((task_id, inputs, outputs))
    return tuple(found)


def _dihedral(grid: np.ndarray, k: int) -> np.ndarray:
    grid = np.rot90(grid, k % 4)
    return grid.T if k >= 4 else grid


def perturb_grids(rng: np.random.Generator, grids: list[np.ndarray]) -> list[np.ndarray]:
    """The grids with one shared perturbation: colours 1-9 permuted, a turn or flip, a crop, specks."""
    permutation = np.arange(10, dtype=np.uint8)
    if rng.random() < 0.7:
        permutation[1:] = rng.permutation(np.arange(1, 10))
    turn = int(rng.integers(8)) if rng.random() < 0.5 else 0
    crop = rng.random() < 0.25
    specks = rng.uniform(0.0, 0.05) if rng.random() < 0.25 else 0.0
    changed = []
    for grid in grids:
        grid = _dihedral(permutation[grid], turn)
        if crop and min(grid.shape) >= 4:
            h, w = int(rng.integers(3, grid.shape[0] + 1)), int(rng.integers(3, grid.shape[1] + 1))
            top, left = int(rng.integers(grid.shape[0] - h + 1)), int(rng.integers(grid.shape[1] - w + 1))
            grid = grid[top: top + h, left: left + w]
        if specks:
            grid = grid.copy()
            mask = rng.random(grid.shape) < specks
            grid[mask] = rng.integers(10, size=int(mask.sum()))
        changed.append(grid)
    return changed


def arc_grids(rng: np.random.Generator, count: int, perturb: bool) -> InputSet:
    """`count` grids of one ARC-1 training task (its inputs, or now and then its outputs), perturbed alike."""
    task_id, inputs, outputs = training_grids()[int(rng.integers(len(training_grids())))]
    pool = list(outputs if rng.random() < 0.2 else inputs)
    order = rng.permutation(len(pool))
    grids = [pool[i] for i in order[:count]]
    while len(grids) < count:
        grids.append(_dihedral(grids[int(rng.integers(len(grids)))], int(rng.integers(1, 8))))
    if perturb:
        grids = perturb_grids(rng, grids)
    return InputSet(tuple(grids), "arc_perturbed" if perturb else "arc", task_id)


DRAWN: dict[str, Callable[[np.random.Generator, Style], np.ndarray]] = {
    "noise": noise,
    "objects": objects,
    "lines": lines,
    "symmetric": symmetric,
    "periodic": periodic,
}
FAMILY_WEIGHTS: dict[str, float] = {
    "noise": 1.0, "objects": 3.0, "lines": 1.5, "symmetric": 1.0, "periodic": 1.0, "arc": 2.0, "arc_perturbed": 2.0,
}


def sample_inputs(rng: np.random.Generator, count: int, family: str | None = None) -> InputSet:
    """`count` distinct input grids for one task, from `family` (or one drawn by FAMILY_WEIGHTS)."""
    if family is None:
        names = list(FAMILY_WEIGHTS)
        weights = np.array([FAMILY_WEIGHTS[n] for n in names])
        family = names[int(rng.choice(len(names), p=weights / weights.sum()))]
    if family in ("arc", "arc_perturbed"):
        found = arc_grids(rng, count, family == "arc_perturbed")
        grids, source = list(found.grids), found.source_task
    else:
        if family not in DRAWN:
            raise ValueError(f"unknown input family {family!r}; known: {', '.join(FAMILY_WEIGHTS)}")
        style, grids, source = sample_style(rng, family), [], None
        for _ in range(count * 4):
            if len(grids) == count:
                break
            grids.append(DRAWN[family](rng, style))
    unique: dict[bytes, np.ndarray] = {}
    for grid in grids:
        grid = np.ascontiguousarray(grid, dtype=np.uint8)
        grid.flags.writeable = False
        unique.setdefault(grid.shape[0].to_bytes(1, "little") + grid.tobytes(), grid)
    return InputSet(tuple(unique.values()), family, source)
