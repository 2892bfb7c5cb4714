"""Tasks, intermediate values and programs as model tokens (plain strings, one vocabulary entry each).

Encoding of a grid (run-length by row, so a 30×30 grid with large flat areas costs tens of tokens):

    <in> H W  row / row / ... /          H, W are the integer tokens "1".."30"
    row   := run run ...                 a run is "c{colour}" (one cell) or "c{colour}x{n}" (n = 2..30 cells)
    <same> stands for a row identical to the one above it (it needs no "/").

A task source is `MODE [<prog> program-prefix <val> summary] pair* [<test> grid]*`, where MODE is
`<whole>` (predict the whole program) or `<step>` (predict the next line, given the lines so far, the
value of the last line, and — under `<now>` in each pair — the most recent grid-valued variable).

Truncation rule (budget = `max_source_tokens`): the header (mode, program prefix, value summary) is
always kept; then each demo pair, in order, is kept whole if it fits in what is left and skipped if
not — except the first pair, which is always present and, if it alone is too long, is cut at the budget
and ends with `<cut>`; test inputs come last, each kept only if it fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import numpy as np

from arc_kernel.dsl.types import BASE_TYPES, ColorMap, Object
from arc_kernel.language.syntax import MAX_LINES, MAX_LITERAL, lex

PAD, EOS, UNK = "<pad>", "</s>", "<unk>"
NEWLINE = "<nl>"  # the program's line break as a model token
WHOLE, STEP = "<whole>", "<step>"
INPUT, OUTPUT, NOW, TEST = "<in>", "<out>", "<now>", "<test>"
PROGRAM, VALUE, SAME, ROW_END, CUT = "<prog>", "<val>", "<same>", "/", "<cut>"
MARKERS = (WHOLE, STEP, INPUT, OUTPUT, NOW, TEST, PROGRAM, VALUE, SAME, ROW_END, CUT, NEWLINE)
SPECIAL = (PAD, EOS, UNK)
PUNCTUATION = ("=", "(", ")", ",", "{", "}", ":")
MAX_SIDE = 30


def integer_tokens() -> list[str]:
    return [str(v) for v in range(-MAX_LITERAL, MAX_LITERAL + 1)]


def variable_tokens() -> list[str]:
    return ["I", "O"] + [f"x{i}" for i in range(1, MAX_LINES + 1)]


def grid_tokens() -> list[str]:
    """Cell and run tokens: c0..c9 and c{colour}x{n} for runs of 2..30 cells."""
    return [f"c{c}" for c in range(10)] + [f"c{c}x{n}" for c in range(10) for n in range(2, MAX_SIDE + 1)]


def type_tokens() -> list[str]:
    return [f"T:{name}" for name in sorted(BASE_TYPES)] + ["T:?"]


# ---------------------------------------------------------------- grids and values


def encode_grid(grid: np.ndarray, marker: str) -> list[str]:
    """One grid as tokens: marker, height, width, then run-length rows (see the module docstring)."""
    grid = np.ascontiguousarray(grid, dtype=np.uint8)
    height, width = grid.shape
    return [marker, str(min(height, MAX_SIDE)), str(min(width, MAX_SIDE)), *_rows(grid.shape, grid.tobytes())]


@lru_cache(maxsize=8192)
def _rows(shape: tuple[int, int], cells: bytes) -> tuple[str, ...]:
    """The run-length rows of a grid given by shape and bytes (cached: demo grids recur in every step's source)."""
    grid = np.frombuffer(cells, dtype=np.uint8).reshape(shape)[:MAX_SIDE, :MAX_SIDE]
    if grid.size == 0:
        return ()
    tokens: list[str] = []
    same = np.all(grid[1:] == grid[:-1], axis=1).tolist()
    starts = (np.diff(grid.astype(np.int16), axis=1) != 0).tolist()
    for r, row in enumerate(grid.tolist()):
        if r and same[r - 1]:
            tokens.append(SAME)
            continue
        start = 0
        for end, change in enumerate(starts[r], start=1):
            if change:
                tokens.append(_RUN[row[start]][end - start])
                start = end
        tokens.append(_RUN[row[start]][len(row) - start])
        tokens.append(ROW_END)
    return tuple(tokens)


_RUN = [[""] + [f"c{c}" if n == 1 else f"c{c}x{n}" for n in range(1, MAX_SIDE + 1)] for c in range(256)]


def decode_grid(tokens: Sequence[str]) -> np.ndarray:
    """Inverse of `encode_grid` (without its marker): height, width, rows."""
    height, width = int(tokens[0]), int(tokens[1])
    rows: list[list[int]] = []
    row: list[int] = []
    for token in tokens[2:]:
        if token == SAME:
            rows.append(list(rows[-1]))
        elif token == ROW_END:
            rows.append(row)
            row = []
        else:
            colour, _, count = token[1:].partition("x")
            row.extend([int(colour)] * (int(count) if count else 1))
    grid = np.array(rows, dtype=np.uint8)
    if grid.shape != (height, width):
        raise ValueError(f"grid tokens give {grid.shape}, header says {(height, width)}")
    return grid


def _small(value: int) -> str:
    return str(max(-MAX_LITERAL, min(MAX_LITERAL, int(value))))


def summarize_value(value: object, type_name: str) -> list[str]:
    """A few tokens describing a non-grid value: its type, then its value, size or count."""
    head = f"T:{type_name}" if type_name in BASE_TYPES else "T:?"
    if isinstance(value, (bool, np.bool_)):
        return [head, "true" if value else "false"]
    if isinstance(value, (int, np.integer)):
        return [head, _small(value)]
    if isinstance(value, Object):
        return [head, _small(value.height), _small(value.width), f"c{value.color}"]
    if isinstance(value, ColorMap):
        return [head, _small(len(value.pairs))]
    if isinstance(value, tuple):
        return [head, _small(len(value))]
    return [head]


# ---------------------------------------------------------------- programs


def program_to_tokens(text: str) -> list[str]:
    """Program text as model tokens (the language's lexer, with line breaks as <nl>)."""
    return [NEWLINE if token.text == "\n" else token.text for token in lex(text)]


def tokens_to_program(tokens: Sequence[str]) -> str:
    """Model tokens back into program text (stops at </s>, drops padding)."""
    from arc_kernel.language.syntax import tokens_to_text

    words: list[str] = []
    for token in tokens:
        if token == EOS:
            break
        if token != PAD:
            words.append("\n" if token == NEWLINE else token)
    return tokens_to_text(words)


# ---------------------------------------------------------------- tasks


@dataclass(frozen=True)
class StepView:
    """What step-by-step decoding feeds back: the lines so far, per-demo latest grids, and the last value."""

    prefix: str  # program text of the lines so far ("" at the start)
    current_grids: tuple[np.ndarray | None, ...]  # per demo pair: latest grid-valued variable, None if it is I
    last_value: tuple[str, ...] = ()  # summary tokens of the last line's value when it is not a grid


def encode_task(
    pairs: Sequence[tuple[np.ndarray, np.ndarray]],
    test_inputs: Sequence[np.ndarray] = (),
    step: StepView | None = None,
    max_tokens: int = 1024,
) -> list[str]:
    """A task as source tokens for the model, within `max_tokens` by the module's truncation rule."""
    header = [WHOLE] if step is None else [STEP, PROGRAM] + (program_to_tokens(step.prefix) if step.prefix else []) + [VALUE, *step.last_value]
    tokens = list(header[:max_tokens])
    for index, (grid_in, grid_out) in enumerate(pairs):
        block = encode_grid(grid_in, INPUT)
        if step is not None and index < len(step.current_grids) and step.current_grids[index] is not None:
            block += encode_grid(step.current_grids[index], NOW)
        block += encode_grid(grid_out, OUTPUT)
        room = max_tokens - len(tokens)
        if len(block) <= room:
            tokens += block
        elif index == 0:
            tokens += block[: max(room - 1, 0)] + [CUT]
            tokens = tokens[:max_tokens]
    for grid in test_inputs:
        block = encode_grid(grid, TEST)
        if len(block) <= max_tokens - len(tokens):
            tokens += block
    return tokens
