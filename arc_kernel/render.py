"""Draw grids: as coloured blocks or digits in a terminal, and as a PNG with ARC's palette."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from .task import Grid, Task

PALETTE = ("#000000", "#0074D9", "#FF4136", "#2ECC40", "#FFDC00",
           "#AAAAAA", "#F012BE", "#FF851B", "#7FDBFF", "#870C25")
_RGB = [tuple(int(h[i:i + 2], 16) for i in (1, 3, 5)) for h in PALETTE]

Panel = tuple[str, Grid | None]  # a title and a grid (None: nothing to draw)


def grid_lines(grid: Grid, colour: bool) -> list[str]:
    """One string per row, two characters per cell: ANSI background-coloured blocks, or digits."""
    if colour:
        return ["".join(f"\x1b[48;2;{r};{g};{b}m  " for r, g, b in (_RGB[v] for v in row)) + "\x1b[0m" for row in grid]
    return ["".join(f"{v} " for v in row) for row in grid]


def side_by_side(panels: Sequence[Panel], colour: bool, gap: int = 3) -> str:
    """Titled grids laid out left to right, as text."""
    columns = []
    for title, grid in panels:
        lines = grid_lines(grid, colour) if grid is not None else []
        width = max(len(title), 2 * grid.shape[1] if grid is not None else 0)
        columns.append((title, lines, width, 2 * grid.shape[1] if grid is not None else 0))
    height = max(len(lines) for _, lines, _, _ in columns)
    out = ["".join(title.ljust(width + gap) for title, _, width, _ in columns).rstrip()]
    for row in range(height):
        cells = []
        for _, lines, width, drawn in columns:  # pad by the drawn width: ANSI codes take no room on screen
            cells.append(lines[row] + " " * (width - drawn + gap) if row < len(lines) else " " * (width + gap))
        out.append("".join(cells).rstrip())
    return "\n".join(out)


def task_panels(task: Task, predictions: Sequence[tuple[Grid | None, Grid | None]] | None = None) -> list[list[Panel]]:
    """Rows of titled grids: each demo pair, then each test input with its known output and predicted attempts."""
    rows: list[list[Panel]] = []
    for i, pair in enumerate(task.train):
        rows.append([(f"demo {i + 1} input {_size(pair.input)}", pair.input),
                     (f"demo {i + 1} output {_size(pair.output)}", pair.output)])
    for i, grid in enumerate(task.test_inputs):
        row: list[Panel] = [(f"test {i + 1} input {_size(grid)}", grid)]
        expected = task.test_outputs[i] if task.test_outputs is not None else None
        if expected is not None:
            row.append((f"test {i + 1} output {_size(expected)}", expected))
        if predictions is not None and i < len(predictions):
            for n, attempt in enumerate(predictions[i], start=1):
                mark = "" if expected is None or attempt is None else (" right" if np.array_equal(attempt, expected) else " wrong")
                row.append((f"attempt {n}{mark}" + ("" if attempt is not None else " (invalid)"), attempt))
        rows.append(row)
    return rows


def _size(grid: Grid) -> str:
    return f"{grid.shape[0]}x{grid.shape[1]}"


def task_text(task: Task, predictions=None, colour: bool = False) -> str:
    """The whole task (and predictions) as terminal text."""
    blocks = [side_by_side(row, colour) for row in task_panels(task, predictions)]
    return f"task {task.id}\n\n" + "\n\n".join(blocks)


def save_task_png(task: Task, path: str | Path, predictions=None) -> None:
    """Render demos, tests and predictions to a PNG with matplotlib's Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    rows = task_panels(task, predictions)
    n_cols = max(len(row) for row in rows)
    fig, axes = plt.subplots(len(rows), n_cols, figsize=(2.4 * n_cols, 2.6 * len(rows)), squeeze=False)
    cmap = ListedColormap(PALETTE)
    for r, row in enumerate(rows):
        for c in range(n_cols):
            ax = axes[r][c]
            ax.set_xticks([])
            ax.set_yticks([])
            if c >= len(row):
                ax.axis("off")
                continue
            title, grid = row[c]
            ax.set_title(title, fontsize=8)
            if grid is None:
                continue
            ax.imshow(grid, cmap=cmap, vmin=0, vmax=9, interpolation="nearest")
            ax.set_xticks(np.arange(-0.5, grid.shape[1], 1), minor=True)
            ax.set_yticks(np.arange(-0.5, grid.shape[0], 1), minor=True)
            ax.grid(which="minor", color="#555555", linewidth=0.5)
            ax.tick_params(which="both", length=0)
    fig.suptitle(f"task {task.id}")
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)
    plt.close(fig)
