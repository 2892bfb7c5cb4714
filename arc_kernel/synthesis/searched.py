"""Relabelling by search: synthetic records whose program is replaced by the shortest one the search finds.

    python -m arc_kernel generate --searched-from 'data/searchpool/*.jsonl' --search-seconds 3 --out data/searched

A random program is often longer than its task needs (a depth-4 program may compute what two calls do). The
search (`solve`'s search source: guided enumeration, demo constants, symmetries) is run on each record's task
for a few seconds; among its programs that reproduce every demo and test output and the record's own program,
the one with the fewest symbols (ties to the search's) becomes the record's program, in canonical form, with
provenance "search". Records the search does not solve are dropped. Training the adapter on these is meant to
teach the decoder the short programs the search would find (expert iteration, as CodeIt relabels); measured once
at 1 157 records it did not help (BENCHMARKS.md, Model, session 13).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Iterator

import numpy as np

from arc_kernel.interpreter import compile_program
from arc_kernel.language.syntax import count_symbols, print_program
from arc_kernel.synthesis.canonical import call_count, canonical
from arc_kernel.synthesis.generate import read_records
from arc_kernel.task import Task


@dataclass(frozen=True)
class SearchedConfig:
    """How long the search gets per record, and how many processes share the records."""

    seconds: float = 3.0
    workers: int = 1
    shard_size: int = 10_000


def _solves(outputs: tuple, task: Task) -> bool:
    return len(outputs) == len(task.test_outputs) and all(
        o is not None and o.shape == t.shape and np.array_equal(o, t) for o, t in zip(outputs, task.test_outputs))


_source = None  # one search source per process (its guide and prior are loaded once)


def relabel_by_search(record: dict, seconds: float) -> dict | None:
    """The record with the shortest right program among the search's and its own, or None if the search failed."""
    global _source
    if _source is None:
        from arc_kernel.search import SearchSource
        from arc_kernel.solve import SolveConfig

        _source = SearchSource(SolveConfig().search)
    task = Task.from_json("record", record["task"])
    own = canonical(compile_program(record["program"]))
    best, best_size = None, None
    for candidate in _source.propose(task, time.monotonic() + seconds, 0):
        if not candidate.verified or not _solves(candidate.outputs, task):
            continue
        try:
            program = canonical(compile_program(candidate.program))
        except ValueError:  # O is the input or a constant: nothing to learn
            continue
        size = count_symbols(program)
        if best_size is None or size < best_size:
            best, best_size = program, size
    if best is None:
        return None
    if count_symbols(own) < best_size:
        best = own
    return {**record, "program": print_program(best), "depth": call_count(best), "provenance": "search",
            "original_program": print_program(own), "original_depth": record.get("depth")}


def _work(item: tuple[dict, float]) -> dict | None:
    return relabel_by_search(*item)


def searched_records(records: list[dict], config: SearchedConfig) -> Iterator[dict | None]:
    """`relabel_by_search` over the records in order (None where the search failed), on `config.workers` processes."""
    items = [(r, config.seconds) for r in records]
    if config.workers <= 1:
        yield from map(_work, items)
        return
    with get_context("fork").Pool(config.workers) as pool:
        yield from pool.imap(_work, items, chunksize=1)


def write_searched(patterns: list[str], out: Path, config: SearchedConfig = SearchedConfig(),
                   progress: bool = True) -> Counter:
    """Relabel every record matching `patterns` into jsonl shards under `out`; returns counts by outcome and depth."""
    records = list(read_records(patterns))
    out.mkdir(parents=True, exist_ok=True)
    counts: Counter = Counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(records), unit="task", desc=f"search {out.name}")
    shard, handle, written = 0, None, 0
    try:
        for record, searched in zip(records, searched_records(records, config)):
            depth = record.get("depth")
            counts[f"tasks d{depth}"] += 1
            if bar is not None:
                bar.update(1)
            if searched is None:
                continue
            counts[f"solved d{depth}"] += 1
            counts[f"changed d{depth}"] += searched["program"] != searched["original_program"]
            if handle is None or written % config.shard_size == 0 and written:
                if handle is not None:
                    handle.close()
                handle = open(out / f"shard-{shard:05d}.jsonl", "w")
                shard += 1
            handle.write(json.dumps(searched) + "\n")
            written += 1
    finally:
        if handle is not None:
            handle.close()
        if bar is not None:
            bar.close()
    (out / "summary.json").write_text(json.dumps({"sources": patterns, "seconds": config.seconds,
                                                  "records": written, "counts": dict(sorted(counts.items()))},
                                                 indent=1) + "\n")
    return counts


def summary_text(counts: Counter) -> str:
    """One line per depth: tasks, solved by the search, and relabelled with a different program."""
    depths = sorted({int(k.split(" d")[1]) for k in counts if k.startswith("tasks")})
    return "\n".join(f"depth {d}: {counts[f'solved d{d}']}/{counts[f'tasks d{d}']} solved by the search, "
                     f"{counts[f'changed d{d}']} relabelled with another program" for d in depths)
