"""The solve loop: candidates from pluggable sources, ranked into two attempts per test input."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator, Protocol, Sequence

import numpy as np

from .dsl.types import value_key
from .task import Grid, Task, is_valid_grid

if TYPE_CHECKING:
    from .search.enumeration import SearchConfig

Attempts = list[tuple[Grid, Grid]]  # (attempt_1, attempt_2) for each test input, in order


@dataclass(frozen=True, eq=False)
class Candidate:
    """Predicted test outputs (one per test input), the program that made them, and how well it fits the demos."""

    outputs: tuple[Grid, ...]
    program: str | None
    source: str
    rank: tuple = ()  # lower sorts first among equals, e.g. (tokens, cost); keep it numeric
    train_correct: int = 0
    train_total: int = 0

    @property
    def verified(self) -> bool:
        """Right on every demonstration pair."""
        return self.train_total > 0 and self.train_correct == self.train_total


class CandidateSource(Protocol):
    """Anything that proposes candidates for a task; it must stop by `deadline` (a time.monotonic() value)."""

    name: str

    def propose(self, task: Task, deadline: float, seed: int) -> Iterator[Candidate]: ...


def _default_search_config() -> "SearchConfig":
    from .search.enumeration import SearchConfig  # imported late: arc_kernel.search imports this module

    return SearchConfig()


@dataclass
class SolveConfig:
    time_per_task: float = 5.0  # seconds per task, for all sources together
    seed: int = 0
    use_search: bool = True
    use_model: bool = True
    model_seeds: bool = True  # the search also starts from the model's partial programs (model/completion.py)
    model_widening: bool = True  # the model decodes ever wider while its time share lasts (model/source.py)
    ranking: str = "sources"  # how candidates are ordered into attempts: one of RANKINGS (order_candidates)
    keep_candidates: bool = False  # TaskResult.candidates holds every usable candidate (solve --report-candidates)
    search: "SearchConfig" = field(default_factory=_default_search_config)  # the search source's settings


def build_sources(config: SolveConfig) -> list[CandidateSource]:
    """The candidate sources `solve` consults, in order. Built once per worker process: keep it module-level."""
    sources: list[CandidateSource] = []
    # ---- Candidate sources plug in here (each guarded by its config flag, imported lazily). ----
    model = None
    if config.use_model:  # first, but it stops after ModelSourceSettings.time_share of the task's time
        from .model.source import ModelSource  # torch loads only here, so --no-model never pays for it

        model = ModelSource(config)
        sources.append(model)
    if config.use_search:
        from .search import SearchSource

        # the search starts from the model's partial programs too (model/completion.py)
        seeded = model is not None and model.decoder is not None and config.model_seeds
        sources.append(SearchSource(config.search, seeds=model if seeded else None))
    return sources


@dataclass
class TaskResult:
    """What solving one task produced. `source` is 'fallback' when no candidate was used."""

    task_id: str
    attempts: Attempts
    program: str | None
    source: str
    seconds: float
    error: str | None = None
    candidates: tuple[Candidate, ...] = ()  # every usable candidate in arrival order, when config.keep_candidates


def fallback_attempts(task: Task) -> Attempts:
    """Cheap guesses for every test input: attempt 1 is the input itself; attempt 2 is the demos' output when
    they all share one, else a grid of the demos' output size (or the input's) in their most common colour."""
    outputs = [pair.output for pair in task.train]
    if all(np.array_equal(o, outputs[0]) for o in outputs):
        return [(grid, outputs[0]) for grid in task.test_inputs]
    colour = np.bincount(np.concatenate([o.ravel() for o in outputs]), minlength=10).argmax()
    shapes = {o.shape for o in outputs}
    attempts = []
    for grid in task.test_inputs:
        shape = next(iter(shapes)) if len(shapes) == 1 else grid.shape
        attempts.append((grid, np.full(shape, colour, dtype=np.uint8)))
    return attempts


def fallback_result(task: Task, error: str | None = None, seconds: float = 0.0) -> TaskResult:
    """The result for a task nothing solved, or whose solving crashed or timed out."""
    return TaskResult(task.id, fallback_attempts(task), None, "fallback", seconds, error)


def malformed_result(task_id: str, test_count: int, error: str) -> TaskResult:
    """The result for a task that could not be read: a 1x1 black grid for each attempt."""
    blank = np.zeros((1, 1), dtype=np.uint8)
    return TaskResult(task_id, [(blank, blank)] * test_count, None, "fallback", 0.0, error)


def _tier(candidate: Candidate) -> int | None:
    """0 verified, 1 partly right, 2 unchecked (no demos tried); None when wrong on every demo."""
    if candidate.verified:
        return 0
    if candidate.train_correct > 0:
        return 1
    if candidate.train_total == 0:
        return 2
    return None


RANKINGS = ("sources", "simplest", "votes")


def _size(candidate: Candidate) -> int:
    """The candidate's program size (language.syntax.program_size); programs that do not parse come last."""
    from .language.syntax import ParseError, parse, program_size

    try:
        return program_size(parse(candidate.program)) if candidate.program else 10**6
    except ParseError:
        return 10**6


def order_candidates(candidates: Iterable[Candidate], test_count: int, ranking: str = "sources") -> list[Candidate]:
    """Usable candidates best first: verified, then more demos right, then unchecked; within a tier by `ranking`:
    'sources' — each source's own rank (lower first; the sources' ranks are not comparable with one another),
    'simplest' — the smallest program first, 'votes' — the test outputs most candidates of the tier agree on first,
    then the smallest program. Arrival breaks the remaining ties."""
    if ranking not in RANKINGS:
        raise ValueError(f"unknown ranking {ranking!r}; one of: {', '.join(RANKINGS)}")
    usable = [
        c for c in candidates
        if _tier(c) is not None and len(c.outputs) == test_count and all(is_valid_grid(g) for g in c.outputs)
    ]
    if ranking == "sources":
        return sorted(usable, key=lambda c: (_tier(c), -c.train_correct, c.rank))
    votes: dict[tuple, int] = {}
    for c in usable:
        key = (_tier(c), c.train_correct, value_key(c.outputs))
        votes[key] = votes.get(key, 0) + 1
    sizes = {id(c): _size(c) for c in usable}

    def key(c: Candidate) -> tuple:
        agreed = votes[(_tier(c), c.train_correct, value_key(c.outputs))] if ranking == "votes" else 0
        return (_tier(c), -c.train_correct, -agreed, sizes[id(c)])

    return sorted(usable, key=key)


def rank_candidates(candidates: Iterable[Candidate], fallback: Sequence[tuple[Grid, Grid]],
                    ranking: str = "sources") -> Attempts:
    """Two attempts per test input: the best candidate's output, then the best one that differs from it;
    the fallback's attempts fill whatever the candidates leave open."""
    ordered = order_candidates(candidates, len(fallback), ranking)
    attempts = []
    for i, fallback_pair in enumerate(fallback):
        picked: list[Grid] = []
        for grid in [c.outputs[i] for c in ordered] + list(fallback_pair):
            if len(picked) == 2:
                break
            if not any(np.array_equal(grid, p) for p in picked):
                picked.append(grid)
        attempts.append((picked[0], picked[-1]))
    return attempts


def solve(task: Task, config: SolveConfig, sources: Sequence[CandidateSource]) -> TaskResult:
    """Collect candidates from each source in turn until the task's time is up, then rank them into attempts."""
    start = time.monotonic()
    deadline = start + config.time_per_task
    candidates: list[Candidate] = []
    errors: list[str] = []
    for source in sources:
        if time.monotonic() >= deadline:
            break
        proposals = None
        try:
            proposals = source.propose(task, deadline, config.seed)
            for candidate in proposals:
                candidates.append(candidate)
                if time.monotonic() >= deadline:
                    break
        except Exception as error:  # a faulty source costs its own candidates, not the task
            errors.append(f"source {source.name} failed: {type(error).__name__}: {error}")
        finally:
            if hasattr(proposals, "close"):
                proposals.close()
    ordered = order_candidates(candidates, len(task.test_inputs), config.ranking)
    attempts = rank_candidates(ordered, fallback_attempts(task), config.ranking)
    best = ordered[0] if ordered else None
    usable = set(ordered)  # by identity: Candidate compares as an object
    return TaskResult(
        task.id,
        attempts,
        best.program if best else None,
        best.source if best else "fallback",
        time.monotonic() - start,
        "; ".join(errors) or None,
        tuple(c for c in candidates if c in usable) if config.keep_candidates else (),
    )
