"""Training examples from synthetic records: (source tokens, target tokens) for whole-program and next-line prediction.

A record is one line of a jsonl shard: {"task": {"train": [...], "test": [...]}, "program": text,
"depth": int, "provenance": "random"|"mutate"|"relabel"|"search", "source_task": id|null}.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from arc_kernel.dsl.errors import DSLError
from arc_kernel.interpreter import Limits, compile_program, run_trace
from arc_kernel.language.syntax import Call, Expression, Line, Program, Var, print_program
from arc_kernel.language.typecheck import check
from arc_kernel.model.serialize import EOS, StepView, encode_task, program_to_tokens, summarize_value


@dataclass(frozen=True)
class Example:
    """One synthetic task with its program, as the model sees it."""

    pairs: tuple[tuple[np.ndarray, np.ndarray], ...]
    test_inputs: tuple[np.ndarray, ...]
    test_outputs: tuple[np.ndarray, ...]
    program: str  # canonical, variables numbered x1, x2, … in order
    depth: int
    provenance: str = "random"


def renumber(program: Program) -> Program:
    """The program with its variables renamed x1, x2, … in order of assignment (O stays O)."""
    names = {"I": "I", "O": "O"}
    for line in program.lines:
        if line.target != "O":
            names[line.target] = f"x{len(names) - 1}"

    def rename(expression: Expression) -> Expression:
        if isinstance(expression, Var):
            return Var(names.get(expression.name, expression.name))
        if isinstance(expression, Call):
            return Call(expression.name, tuple(rename(a) for a in expression.args))
        return expression

    return Program(tuple(Line(names[line.target], rename(line.expression)) for line in program.lines))


def flat_lines(program: str) -> list[str]:
    """The program with one call per line (x1, x2, … in order, last line O): what step-by-step decoding emits."""
    try:
        from arc_kernel.synthesis.canonical import flat_program, flatten

        return print_program(renumber(flat_program(flatten(compile_program(program))))).split("\n")
    except (ImportError, ValueError, DSLError):
        return program.split("\n")


def _grid(value: object) -> np.ndarray:
    return np.array(value, dtype=np.uint8)


def example_from_record(record: dict) -> Example | None:
    """An Example from a shard record (None when its program no longer parses, e.g. a removed primitive)."""
    try:
        program = renumber(compile_program(record["program"]))
    except DSLError:
        return None
    task = record["task"]
    pairs = tuple((_grid(p["input"]), _grid(p["output"])) for p in task["train"])
    tests = task.get("test", [])
    return Example(
        pairs,
        tuple(_grid(p["input"]) for p in tests),
        tuple(_grid(p["output"]) for p in tests if "output" in p),
        print_program(program),
        int(record.get("depth", len(program.lines))),
        record.get("provenance", "random"),
    )


def read_examples(patterns: Sequence[str], provenance: Iterable[str] | None = None, limit: int | None = None) -> list[Example]:
    """Examples from jsonl (or .jsonl.gz) shards matching the glob `patterns`, optionally only the given provenances."""
    from arc_kernel.synthesis.generate import read_records

    wanted = set(provenance) if provenance is not None else None
    examples: list[Example] = []
    for record in read_records(patterns):
        if wanted is not None and record.get("provenance", "random") not in wanted:
            continue
        example = example_from_record(record)
        if example is not None:
            examples.append(example)
        if limit is not None and len(examples) >= limit:
            break
    return examples


def write_examples(examples: Iterable[Example], path: str | Path) -> None:
    """Write examples as a jsonl shard in the record format (the test fixture's and relabelled data's way out)."""
    with open(path, "w") as handle:
        for e in examples:
            task = {
                "train": [{"input": i.tolist(), "output": o.tolist()} for i, o in e.pairs],
                "test": [{"input": i.tolist(), "output": o.tolist()} for i, o in zip(e.test_inputs, e.test_outputs)],
            }
            record = {"task": task, "program": e.program, "depth": e.depth, "provenance": e.provenance, "source_task": None}
            handle.write(json.dumps(record) + "\n")


# ---------------------------------------------------------------- step-by-step views


def partial_program(lines: Sequence[str]) -> str:
    """Lines so far, closed with `O = I` so the language accepts them as a program."""
    return "\n".join(list(lines) + ["O = I"])


def step_view(prefix_lines: Sequence[str], traces: Sequence[dict[str, object]], types: dict[str, str]) -> StepView:
    """What the model sees after `prefix_lines`: per pair the latest grid variable, and a summary of the last value."""
    targets = [line.split("=", 1)[0].strip() for line in prefix_lines]
    grids = [t for t in targets if types.get(t) == "Grid"]
    current = tuple(trace[grids[-1]] if grids else None for trace in traces)
    last = targets[-1] if targets else None
    summary = () if last is None or types.get(last) == "Grid" else tuple(summarize_value(traces[0][last], types[last]))
    return StepView("\n".join(prefix_lines), current, summary)


def trace_prefix(
    prefix_lines: Sequence[str], inputs: Sequence[np.ndarray], limits: Limits = Limits(max_steps=5_000, seconds=0.25)
) -> tuple[list[dict[str, object]], dict[str, str]]:
    """Every variable of the lines so far on each input, and their types (raises DSLError)."""
    program = compile_program(partial_program(prefix_lines))
    types = check(program)
    return [run_trace(program, grid, limits) for grid in inputs], types


def training_pair(example: Example, rng: random.Random, step_fraction: float, max_source: int) -> tuple[list[str], list[str]]:
    """(source, target) tokens: the whole program, or with probability `step_fraction` the next line after a random prefix."""
    if rng.random() >= step_fraction:
        source = encode_task(example.pairs, example.test_inputs, None, max_source)
        return source, program_to_tokens(example.program) + [EOS]
    lines = flat_lines(example.program)
    k = rng.randrange(len(lines))
    try:
        traces, types = trace_prefix(lines[:k], [i for i, _ in example.pairs])
    except DSLError:  # a record whose program fails on its own inputs: fall back to the whole program
        return encode_task(example.pairs, example.test_inputs, None, max_source), program_to_tokens(example.program) + [EOS]
    view = step_view(lines[:k], traces, types)
    return encode_task(example.pairs, example.test_inputs, view, max_source), program_to_tokens(lines[k]) + [EOS]
