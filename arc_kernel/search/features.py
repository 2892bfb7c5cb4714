"""Task features: a fixed-length vector of cheap facts about how a task's demo outputs relate to its inputs.

Shapes (ratios, transposed, multiples), colours (added, removed, background), changed cells, the eight
rotations/reflections, symmetry of the grids, sub-grid and tiling relations, objects and divider lines —
each measured per demo pair and averaged. The guide (guide.py) maps these to primitive probabilities.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy import ndimage

Pair = tuple[np.ndarray, np.ndarray]

SYMMETRY_VIEWS = {
    "identity": lambda g: g,
    "rotate_90": lambda g: np.rot90(g, -1),
    "rotate_180": lambda g: np.rot90(g, 2),
    "rotate_270": lambda g: np.rot90(g, 1),
    "flip_left_right": lambda g: g[:, ::-1],
    "flip_up_down": lambda g: g[::-1],
    "transpose": lambda g: g.T,
    "anti_transpose": lambda g: np.rot90(g, 2).T,
}


def background(grid: np.ndarray) -> int:
    """The most common colour of a grid."""
    return int(np.bincount(grid.ravel(), minlength=10).argmax())


def objects(grid: np.ndarray) -> int:
    """Number of 4-connected components of non-background cells (any colour mix)."""
    return int(ndimage.label(grid != background(grid))[1])


def divider_lines(grid: np.ndarray) -> int:
    """Full rows and columns of one non-background colour (lines that split a grid into panels)."""
    bg, count = background(grid), 0
    for lines in (grid, grid.T):
        if lines.shape[1] > 1:
            uniform = (lines == lines[:, :1]).all(axis=1) & (lines[:, 0] != bg)
            count += int(uniform.sum())
    return count


def is_subgrid(small: np.ndarray, large: np.ndarray) -> bool:
    """Whether `small` appears as a window of `large`."""
    if small.shape[0] > large.shape[0] or small.shape[1] > large.shape[1] or small.size * large.size > 2_000_000:
        return False
    windows = sliding_window_view(large, small.shape)
    return bool((windows == small).all(axis=(2, 3)).any())


def tiles_of(grid: np.ndarray, output: np.ndarray) -> bool:
    """Whether `output` is a block grid of copies of `grid` under rotations/reflections."""
    (h, w), (oh, ow) = grid.shape, output.shape
    if oh % h or ow % w or (oh, ow) == (h, w):
        return False
    views = [v(grid) for v in SYMMETRY_VIEWS.values()]
    views = [v for v in views if v.shape == (h, w)]
    blocks = output.reshape(oh // h, h, ow // w, w).swapaxes(1, 2).reshape(-1, h, w)
    return all(any(np.array_equal(block, v) for v in views) for block in blocks)


def pair_features(grid_in: np.ndarray, grid_out: np.ndarray) -> dict[str, float]:
    """Facts about one demo pair, each a number in about [-3, 3]."""
    (h, w), (oh, ow) = grid_in.shape, grid_out.shape
    same = (h, w) == (oh, ow)
    colours_in, colours_out = set(np.unique(grid_in).tolist()), set(np.unique(grid_out).tolist())
    bg_in, bg_out = background(grid_in), background(grid_out)
    facts = {
        "log_height_ratio": float(np.log2(oh / h)),
        "log_width_ratio": float(np.log2(ow / w)),
        "same_shape": float(same),
        "transposed_shape": float((oh, ow) == (w, h) and h != w),
        "output_smaller": float(oh * ow < h * w),
        "output_larger": float(oh * ow > h * w),
        "output_multiple": float(oh * ow > h * w and oh % h == 0 and ow % w == 0),
        "output_divides": float(oh * ow < h * w and h % oh == 0 and w % ow == 0),
        "output_one_row_or_column": float(min(oh, ow) == 1),
        "output_square": float(oh == ow),
        "input_area": float(np.log2(h * w) / 10),
        "output_area": float(np.log2(oh * ow) / 10),
        "input_colours": len(colours_in) / 10,
        "output_colours": len(colours_out) / 10,
        "colours_added": len(colours_out - colours_in) / 3,
        "colours_removed": len(colours_in - colours_out) / 3,
        "same_background": float(bg_in == bg_out),
        "output_one_colour": float(len(colours_out) == 1),
        "input_background_share": float((grid_in == bg_in).mean()),
        "output_background_share": float((grid_out == bg_out).mean()),
        "same_colour_counts": float(np.array_equal(np.bincount(grid_in.ravel(), minlength=10),
                                                   np.bincount(grid_out.ravel(), minlength=10))),
        "input_objects": float(np.log2(1 + objects(grid_in)) / 4),
        "output_objects": float(np.log2(1 + objects(grid_out)) / 4),
        "input_dividers": min(divider_lines(grid_in), 6) / 3,
        "output_dividers": min(divider_lines(grid_out), 6) / 3,
        "output_in_input": float(is_subgrid(grid_out, grid_in)),
        "input_in_output": float(is_subgrid(grid_in, grid_out)),
        "output_tiles_input": float(tiles_of(grid_in, grid_out)),
        "input_tiles_output": float(tiles_of(grid_out, grid_in)),
    }
    changed = (grid_in != grid_out) if same else None
    facts["changed_share"] = float(changed.mean()) if same else 0.0
    facts["changed_from_background"] = float((changed & (grid_in == bg_in)).sum() / max(changed.sum(), 1)) if same else 0.0
    facts["changed_to_one_colour"] = float(same and changed.any() and len(np.unique(grid_out[changed])) == 1)
    facts["only_background_changed"] = float(same and changed.any() and bool((grid_in[changed] == bg_in).all()))
    facts["changed_to_background"] = float(same and changed.any() and bool((grid_out[changed] == bg_in).all()))
    for name, view in SYMMETRY_VIEWS.items():
        moved = view(grid_in)
        facts[f"output_is_{name}"] = float(moved.shape == grid_out.shape and np.array_equal(moved, grid_out))
    for label, grid in (("input", grid_in), ("output", grid_out)):
        facts[f"{label}_mirror_left_right"] = float(np.array_equal(grid, grid[:, ::-1]))
        facts[f"{label}_mirror_up_down"] = float(np.array_equal(grid, grid[::-1]))
        facts[f"{label}_mirror_diagonal"] = float(grid.shape[0] == grid.shape[1] and np.array_equal(grid, grid.T))
    return facts


FEATURE_NAMES: tuple[str, ...] = tuple(pair_features(np.eye(2, dtype=np.uint8), np.eye(2, dtype=np.uint8)))
ACROSS_PAIRS = ("outputs_same_shape", "inputs_same_shape")
FEATURE_ERRORS = (ValueError, IndexError, ZeroDivisionError, FloatingPointError)  # grids the features cannot read


def task_features(pairs: Sequence[Pair]) -> np.ndarray:
    """The feature vector of a task: the mean of its pairs' facts, then two facts across pairs."""
    rows = [pair_features(np.asarray(i, dtype=np.uint8), np.asarray(o, dtype=np.uint8)) for i, o in pairs]
    mean = [float(np.mean([row[name] for row in rows])) for name in FEATURE_NAMES]
    across = [float(len({o.shape for _, o in pairs}) == 1), float(len({i.shape for i, _ in pairs}) == 1)]
    return np.array(mean + across, dtype=np.float32)


def feature_names() -> tuple[str, ...]:
    """Names of `task_features`' entries, in order."""
    return FEATURE_NAMES + ACROSS_PAIRS
