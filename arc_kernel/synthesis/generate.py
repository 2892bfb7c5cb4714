"""Synthetic datasets: jsonl shards of (task, program) records from random programs and library mutations.

    python -m arc_kernel generate --n 10000 --depth-max 4 --out data/synthetic [--workers 2] [--seed 0]
                                  [--source random|mutate|both]
    python -m arc_kernel generate --heldout --out arc_kernel/synthesis/heldout.jsonl.gz   # rebuild the frozen held-out set
    python -m arc_kernel generate --searched-from 'data/pool/*.jsonl' --out data/searched   # relabel by search (searched.py)

One record per line (the model codes against exactly this):
    {"task": {"train": [{"input": grid, "output": grid}, ...3 or 4], "test": [{"input": grid, "output": grid}]},
     "program": "<canonical program text>", "depth": <primitive calls>,
     "provenance": "random"|"mutate"|"relabel"|"search", "source_task": "<ARC-1 training id or null>"}
`source_task` names the training task whose grids (and, for mutate/relabel, whose library program) the
record came from. Work is cut into chunks of `chunk_size` records, each with its own seed, merged in
order: the output depends on the seed (and chunk size), never on the number of workers.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Iterator

import numpy as np

from arc_kernel.language.syntax import Call, Expression, Program, Ref, print_program
from arc_kernel.synthesis.canonical import call_count, canonical, flat_program
from arc_kernel.synthesis.dedupe import Deduper, signature
from arc_kernel.synthesis.inputs import perturb_grids, sample_inputs
from arc_kernel.synthesis.mutation import try_mutant
from arc_kernel.synthesis.relabel import build_task, execute, execute_flat
from arc_kernel.synthesis.sampler import Prior, ProgramSampler, SamplerConfig, library_prior, degenerate
from arc_kernel.task import Task, grid_to_json

SOURCES = ("random", "mutate", "both")


@dataclass(frozen=True)
class GenerateConfig:
    """What to generate. `depths` (if set) overrides depth_min..depth_max; `exclude` holds held-out signatures."""

    n: int = 1_000
    depth_min: int = 1
    depth_max: int = 4
    depths: tuple[int, ...] | None = None
    seed: int = 0
    source: str = "both"
    prior: str = "library"  # 'library': sqrt(1 + uses in the solver library) per primitive; 'uniform'
    mutate_share: float = 0.25  # with source 'both': share of attempts that edit library programs
    relabel_share: float = 0.2  # of library attempts: the unedited program on perturbed inputs
    chunk_size: int = 200
    programs_per_input_set: int = 4  # random programs tried on one set of inputs before drawing new ones
    max_attempts_per_record: int = 200  # a chunk gives up on a depth after this many attempts per record
    workers: int = 1
    shard_size: int = 10_000
    exclude: frozenset[str] = field(default=frozenset(), repr=False)

    def depth_list(self) -> tuple[int, ...]:
        return self.depths or tuple(range(self.depth_min, self.depth_max + 1))


@dataclass
class Item:
    """One accepted record, ready to write, with what the summary counts."""

    key: str
    line: str
    depth: int
    provenance: str
    family: str
    primitives: tuple[str, ...]


def names_in(program: Program) -> set[str]:
    """Primitive names a program uses (called or passed as functions)."""
    found: set[str] = set()

    def walk(expression: Expression) -> None:
        if isinstance(expression, (Call, Ref)):
            found.add(expression.name)
        if isinstance(expression, Call):
            for argument in expression.args:
                walk(argument)

    for line in program.lines:
        walk(line.expression)
    return found


def record(task: Task, program: Program, provenance: str, source_task: str | None) -> dict:
    """A dataset record (the format in this module's docstring)."""
    return {
        "task": {
            "train": [{"input": grid_to_json(p.input), "output": grid_to_json(p.output)} for p in task.train],
            "test": [{"input": grid_to_json(g), "output": grid_to_json(o)} for g, o in zip(task.test_inputs, task.test_outputs)],
        },
        "program": print_program(program),
        "depth": call_count(program),
        "provenance": provenance,
        "source_task": source_task,
    }


def read_records(patterns: list[str] | tuple[str, ...]) -> Iterator[dict]:
    """Records from the jsonl (or .jsonl.gz) shards matching the glob `patterns`, in path order."""
    paths = sorted({p for pattern in patterns for p in glob.glob(str(pattern))})
    if not paths:
        raise FileNotFoundError(f"no data files match {list(patterns)}")
    for path in paths:
        with (gzip.open(path, "rt") if path.endswith(".gz") else open(path)) as handle:
            yield from (json.loads(line) for line in handle if line.strip())


class Library:
    """Library programs with their training tasks' inputs and the outputs the programs give there."""

    def __init__(self) -> None:
        from arc_kernel.datasets import load_dataset
        from arc_kernel.library import load_library
        from arc_kernel.synthesis.inputs import _dihedral

        tasks = load_dataset("arc1-train").tasks
        self.entries: list[tuple[str, Program, tuple[np.ndarray, ...], tuple[np.ndarray, ...]]] = []
        for task_id, program in sorted(load_library().items()):
            if task_id not in tasks:
                continue
            task = tasks[task_id]
            inputs = [p.input for p in task.train][:4] + [task.test_inputs[0]]
            if len(inputs) < 4:
                inputs.insert(-1, _dihedral(inputs[0], 4))
            try:
                program = canonical(program)
            except ValueError:
                continue
            outcome = execute(program, inputs)
            if outcome.ok:
                self.entries.append((task_id, program, tuple(inputs), outcome.outputs))


_LIBRARY: Library | None = None


def library() -> Library:
    global _LIBRARY
    if _LIBRARY is None:
        _LIBRARY = Library()
    return _LIBRARY


class ChunkWorker:
    """Generates one chunk: its own seed, its own dedupe, quotas spread evenly over the depths."""

    def __init__(self, config: GenerateConfig, index: int):
        self.config, self.index = config, index
        self.rng = random.Random(f"{config.seed}:{index}")
        self.np_rng = np.random.default_rng([config.seed, index])
        self.sampler = ProgramSampler(SamplerConfig(prior=library_prior() if config.prior == "library" else Prior()))
        self.stats: Counter = Counter()
        self.deduper = Deduper(excluded=config.exclude)
        self.library = library() if config.source in ("mutate", "both") else None
        self.inputs, self.inputs_tried = None, 0
        self.known: set[str] = set()  # program texts accepted in this chunk

    def run(self) -> tuple[list[Item], Counter]:
        feasible = set(self.sampler.table.depths())
        depths = [d for d in self.config.depth_list() if d in feasible]
        self.stats.update(f"infeasible_depth:{d}" for d in self.config.depth_list() if d not in feasible)
        has_library = self.library is not None and bool(self.library.entries)
        if self.config.source == "mutate" and not has_library:
            raise ValueError("--source mutate needs library programs, and none of arc_kernel/library/programs runs")
        size = self.config.chunk_size
        library_quota = {"random": 0, "both": round(size * self.config.mutate_share), "mutate": size}[self.config.source]
        library_quota = library_quota if has_library else 0
        quota: dict[object, int] = {"library": library_quota} if library_quota else {}
        spread = size - library_quota
        quota.update({d: spread // len(depths) + (i < spread % len(depths)) for i, d in enumerate(depths)})
        attempts, budget = {slot: 0 for slot in quota}, {slot: self.config.max_attempts_per_record * (q + 1) for slot, q in quota.items()}
        items: list[Item] = []
        while True:  # pick a slot with quota and attempts left, in proportion to its quota left
            slots = [s for s in quota if quota[s] > 0 and attempts[s] < budget[s]]
            if not slots:
                break
            slot = self.rng.choices(slots, [quota[s] for s in slots])[0]
            attempts[slot] += 1
            self.stats["attempts"] += 1
            item = self.library_attempt() if slot == "library" else self.random_attempt(slot)
            if item is not None:
                quota[slot] -= 1
                items.append(item)
        return items, self.stats

    def accept(self, program: Program, task: Task, provenance: str, family: str, source: str | None) -> Item | None:
        text = print_program(program)
        if text in self.known:  # the same program text: the same signature unless its probes mostly fail
            self.stats["duplicate"] += 1
            return None
        key = signature(program, task)
        if not self.deduper.add(key):
            self.stats["duplicate"] += 1
            return None
        self.stats["accepted"] += 1
        self.known.add(text)
        text = json.dumps(record(task, program, provenance, source), separators=(",", ":"))
        return Item(key, text, call_count(program), provenance, family, tuple(sorted(names_in(program))))

    def random_attempt(self, depth: int) -> Item | None:
        if self.inputs is None or self.inputs_tried >= self.config.programs_per_input_set:
            self.inputs, self.inputs_tried = sample_inputs(self.np_rng, self.rng.choice((4, 5))), 0
        inputs = self.inputs
        self.inputs_tried += 1
        if len(inputs.grids) < 4:
            self.stats["reject:inputs"] += 1
            return None
        lines = self.sampler.program(depth, self.rng, inputs.palette)
        flaw = degenerate(lines)
        if flaw:
            self.stats[f"reject:{flaw}"] += 1
            return None
        outcome = execute_flat(flat_program(lines), inputs.grids)
        if not outcome.ok:
            self.stats[f"reject:{outcome.reason}"] += 1
            return None
        program = canonical(flat_program(lines))
        task = build_task(inputs.grids, outcome.outputs, f"synthetic-{self.config.seed}-{self.index}-{self.stats['attempts']}")
        item = self.accept(program, task, "random", inputs.family, inputs.source_task)
        if item is not None:
            self.inputs = None  # no two records share their inputs
        return item

    def library_attempt(self) -> Item | None:
        task_id, program, inputs, original = self.library.entries[self.rng.randrange(len(self.library.entries))]
        name = f"synthetic-{self.config.seed}-{self.index}-{self.stats['attempts']}"
        if self.rng.random() < self.config.relabel_share:
            grids = perturb_grids(self.np_rng, list(inputs))
            outcome = execute(program, grids)
            if not outcome.ok:
                self.stats[f"reject:{outcome.reason}"] += 1
                return None
            return self.accept(program, build_task(grids, outcome.outputs, name), "relabel", "arc_perturbed", task_id)
        found = try_mutant(program, original, inputs, self.sampler, self.rng)
        if isinstance(found, str):
            self.stats[f"reject:{found}"] += 1
            return None
        return self.accept(found.program, build_task(inputs, found.outcome.outputs, name), "mutate", "arc", task_id)


def run_chunk(config: GenerateConfig, index: int) -> tuple[list[Item], Counter]:
    """Generate chunk `index` (a pure function of the config and the index)."""
    return ChunkWorker(config, index).run()


def produce(config: GenerateConfig, deduper: Deduper, stats: Counter, progress=None) -> Iterator[Item]:
    """Accepted, globally deduplicated items in chunk order until `config.n` (or the chunks run dry)."""
    produced, index, dry = 0, 0, 0
    window = max(1, config.workers) * 2
    pool = get_context("fork").Pool(config.workers) if config.workers > 1 else None
    pending = []
    try:
        while produced < config.n and dry < 5:
            while pool is not None and len(pending) < window:
                pending.append(pool.apply_async(run_chunk, (config, index)))
                index += 1
            if pool is not None:
                items, chunk_stats = pending.pop(0).get()
            else:
                items, chunk_stats = run_chunk(config, index)
                index += 1
            stats.update(chunk_stats)
            fresh = 0
            for item in items:
                if produced >= config.n:
                    break
                if not deduper.add(item.key):
                    stats["duplicate_across_chunks"] += 1
                    continue
                produced, fresh = produced + 1, fresh + 1
                if progress is not None:
                    progress.update(1)
                yield item
            dry = dry + 1 if fresh == 0 else 0
    finally:
        if pool is not None:
            pool.terminate()


@dataclass
class Summary:
    """What a generation run made and rejected."""

    records: int = 0
    seconds: float = 0.0
    per_depth: dict[int, int] = field(default_factory=dict)
    per_provenance: dict[str, int] = field(default_factory=dict)
    per_family: dict[str, int] = field(default_factory=dict)
    primitives_used: int = 0
    primitives_total: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    attempts: int = 0

    def add(self, item: Item, seen_primitives: set[str]) -> None:
        self.records += 1
        self.per_depth[item.depth] = self.per_depth.get(item.depth, 0) + 1
        self.per_provenance[item.provenance] = self.per_provenance.get(item.provenance, 0) + 1
        self.per_family[item.family] = self.per_family.get(item.family, 0) + 1
        seen_primitives.update(item.primitives)

    def text(self) -> str:
        rate = self.records / self.seconds if self.seconds else 0.0
        shares = ", ".join(f"{d}: {n} ({n / max(1, self.records):.0%})" for d, n in sorted(self.per_depth.items()))
        rejected = ", ".join(f"{k} {v}" for k, v in sorted(self.rejected.items(), key=lambda kv: -kv[1]))
        return (
            f"{self.records} records in {self.seconds:.1f} s ({rate:.1f}/s) from {self.attempts} attempts\n"
            f"depth: {shares}\nprovenance: {self.per_provenance}\nfamily: {self.per_family}\n"
            f"primitives used: {self.primitives_used} of {self.primitives_total}\nrejected: {rejected}"
        )


def write_dataset(config: GenerateConfig, out: Path, deduper: Deduper | None = None, progress: bool = True, name: str = "shard") -> Summary:
    """Generate `config.n` records into `out/<name>-00000.jsonl`, … and `out/summary.json`; return the summary."""
    from arc_kernel.dsl import PRIMITIVES

    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{name}-*.jsonl"):
        old.unlink()
    deduper = deduper if deduper is not None else Deduper(excluded=config.exclude)
    stats: Counter = Counter()
    summary, seen_primitives, shard, handle = Summary(primitives_total=len(PRIMITIVES)), set(), 0, None
    start = time.perf_counter()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=config.n, unit="task", desc=f"generate {out.name}")
    try:
        for item in produce(config, deduper, stats, bar):
            if handle is None or summary.records % config.shard_size == 0 and summary.records:
                if handle is not None:
                    handle.close()
                    shard += 1
                handle = open(out / f"{name}-{shard:05d}.jsonl", "w")
            handle.write(item.line + "\n")
            summary.add(item, seen_primitives)
    finally:
        if handle is not None:
            handle.close()
        if bar is not None:
            bar.close()
    summary.seconds = time.perf_counter() - start
    summary.per_depth = dict(sorted(summary.per_depth.items()))
    summary.primitives_used = len(seen_primitives)
    summary.attempts = stats["attempts"]
    summary.rejected = {k.removeprefix("reject:"): v for k, v in stats.items() if k not in ("attempts", "accepted")}
    (out / f"{name}-summary.json").write_text(json.dumps({"config": {**asdict(replace(config, exclude=frozenset())), "exclude": len(config.exclude)}, **asdict(summary)}, indent=1, default=str))
    return summary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--n", type=int, default=1_000, help="records to write")
    parser.add_argument("--depth-min", type=int, default=1, help="smallest program depth (primitive calls)")
    parser.add_argument("--depth-max", type=int, default=4, help="largest depth of random programs (1..8)")
    parser.add_argument("--out", type=Path, help="output folder (default data/synthetic, or data/heldout with --heldout)")
    parser.add_argument("--workers", type=int, default=1, help="processes (the output does not depend on it)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", choices=SOURCES, default="both", help="random programs, library mutations, or both")
    parser.add_argument("--prior", choices=("library", "uniform"), default="library",
                        help="primitive weights of random programs: sqrt(1 + uses in the solver library), or uniform "
                             "(as the held-out set's)")
    parser.add_argument("--shard-size", type=int, default=10_000, help="records per jsonl file")
    parser.add_argument("--heldout", action="store_true", help="build the held-out evaluation set (fixed seed, depths 1..6) instead; --out FILE.jsonl.gz or a folder")
    parser.add_argument("--heldout-dir", type=Path, help="held-out set to deduplicate against (default: the frozen arc_kernel/synthesis/heldout.jsonl.gz)")
    parser.add_argument("--no-heldout-check", action="store_true", help="skip deduplication against the held-out set")
    parser.add_argument("--searched-from", nargs="+", metavar="GLOB",
                        help="instead: relabel these records with the shortest program the search finds (searched.py)")
    parser.add_argument("--search-seconds", type=float, default=3.0, help="with --searched-from: search time per record")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def main(args: argparse.Namespace) -> int:
    from arc_kernel.synthesis.heldout import build_heldout, heldout_signatures

    if args.heldout:
        summary = build_heldout(args.out or Path("data/heldout"), workers=args.workers, progress=not args.quiet)
        print(summary.text())
        return 0
    if args.searched_from:
        from arc_kernel.synthesis.searched import SearchedConfig, summary_text, write_searched

        counts = write_searched(args.searched_from, args.out or Path("data/searched"),
                                SearchedConfig(seconds=args.search_seconds, workers=args.workers,
                                               shard_size=args.shard_size), progress=not args.quiet)
        print(summary_text(counts))
        return 0
    if not 1 <= args.depth_min <= args.depth_max:
        raise SystemExit("need 1 <= --depth-min <= --depth-max")
    exclude = frozenset() if args.no_heldout_check else heldout_signatures(args.heldout_dir)
    config = GenerateConfig(
        n=args.n, depth_min=args.depth_min, depth_max=args.depth_max, seed=args.seed, source=args.source, prior=args.prior,
        workers=args.workers, shard_size=args.shard_size, exclude=exclude,
    )
    summary = write_dataset(config, args.out or Path("data/synthetic"), progress=not args.quiet)
    print(summary.text())
    return 0


if __name__ == "__main__":
    command = argparse.ArgumentParser(prog="python -m arc_kernel.synthesis.generate", description=__doc__.splitlines()[0])
    add_arguments(command)
    raise SystemExit(main(command.parse_args()))
