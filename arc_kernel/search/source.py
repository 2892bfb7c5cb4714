"""The search as a candidate source of `solve`: enumerate, turn hits into programs, verify, yield Candidates.

Every hit is printed as program text and checked by the verifier on the original task, so a Candidate
from the search always carries valid program text and outputs the interpreter reproduces.
"""

from __future__ import annotations

import time
from typing import Iterator, Protocol, Sequence

import numpy as np

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.dsl.types import value_key
from arc_kernel.language.syntax import Call, Const, Expression, Var, count_symbols, print_program
from arc_kernel.search.derivation import Node, expression_program, node_expression, uses_given, wrap
from arc_kernel.search.enumeration import Enumerator, Hit, SearchConfig, SearchStats, as_prior
from arc_kernel.search.features import FEATURE_ERRORS
from arc_kernel.search.guide import Guide, load_guide
from arc_kernel.search.prior import Prior, load_prior
from arc_kernel.search.shallow import ShallowConfig, shallow_search_config
from arc_kernel.solve import Candidate
from arc_kernel.task import Task
from arc_kernel.verifier import verify

# The eight rotations/reflections as (forward, inverse) chains of one-grid primitives, identity first.
SYMMETRIES: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    ((), ()),
    (("rotate_90",), ("rotate_270",)),
    (("rotate_180",), ("rotate_180",)),
    (("rotate_270",), ("rotate_90",)),
    (("flip_horizontal",), ("flip_horizontal",)),
    (("flip_vertical",), ("flip_vertical",)),
    (("transpose",), ("transpose",)),
    (("transpose", "rotate_180"), ("transpose", "rotate_180")),
)


def transform(grid: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    """`grid` passed through the one-grid primitives `names`, first to last."""
    for name in names:
        grid = PRIMITIVES[name].function(grid)
    return grid


def hit_expression(hit: Hit, input_expression: Expression, output_wrapper: tuple[str, ...]) -> Expression:
    """The expression a hit stands for, on the original input."""
    expression = node_expression(hit.node, input_expression)
    if hit.finish is not None:
        expression = Call(hit.finish[0], (expression, Const(hit.finish[1])))
    return wrap(expression, output_wrapper)


def _outputs_key(outputs: tuple) -> tuple:
    return tuple(value_key(o) for o in outputs)


class _Collector:
    """Turns hits into verified Candidates, once per distinct set of test outputs."""

    def __init__(self, task: Task):
        self.task = task
        self.seen: set[tuple] = set()
        self.verified = 0

    def candidate(self, hit: Hit, input_expression: Expression, output_wrapper: tuple[str, ...]) -> Candidate | None:
        program = expression_program(hit_expression(hit, input_expression, output_wrapper))
        text = print_program(program)
        result = verify(text, self.task, stop_early=False)
        if any(o is None for o in result.test_outputs) or 2 * result.train_correct <= result.train_total:
            return None
        key = (_outputs_key(result.test_outputs), result.verified)
        if key in self.seen or (key[0], True) in self.seen:  # a fit may still follow a partial with the same outputs
            return None
        self.seen.add(key)
        self.verified += result.verified
        return Candidate(
            outputs=tuple(result.test_outputs),
            program=text,
            source="search",
            rank=(count_symbols(program), hit.cost),
            train_correct=result.train_correct,
            train_total=result.train_total,
        )


def shallow_phase(task: Task, deadline: float, prior: Prior, config: SearchConfig,
                  collector: _Collector) -> Iterator[Candidate]:
    """Candidates from depth-2 chains of cheap whole-grid transforms, in `config.shallow_share` of the time left."""
    start = time.monotonic()
    phase = shallow_search_config(config, prior, ShallowConfig(share=config.shallow_share))
    enumerator = Enumerator([p.input for p in task.train], [p.output for p in task.train], list(task.test_inputs),
                            prior, phase)
    for hit in enumerator.run(start + (deadline - start) * config.shallow_share):
        candidate = collector.candidate(hit, Var("I"), ())
        if candidate is not None:
            yield candidate
            if collector.verified >= config.max_solutions:
                return


def search_task(task: Task, deadline: float, prior: Prior | dict[str, float] | None = None,
                config: SearchConfig = SearchConfig(), stats: list[SearchStats] | None = None,
                given: Sequence[Node] = ()) -> Iterator[Candidate]:
    """Yield Candidates for `task` found by enumeration until `deadline` (time.monotonic()).

    With `config.symmetries`, the task as given gets half the time and, if nothing fits every demo,
    the seven other rotations/reflections share the rest; their programs map the outputs back.
    `given` seed values (e.g. the model's partial programs, `model/completion.py`) join the task as given.
    """
    prior = as_prior(prior)
    collector = _Collector(task)
    if config.shallow_share > 0:
        yield from shallow_phase(task, deadline, prior, config, collector)
        if collector.verified >= config.max_solutions or time.monotonic() >= deadline:
            return
    frames = SYMMETRIES if config.symmetries else SYMMETRIES[:1]
    frames = [f for f in frames if all(n in PRIMITIVES for n in f[0] + f[1])]
    start = time.monotonic()
    for index, (forward, inverse) in enumerate(frames):
        if index == 1 and collector.verified:
            break
        if len(frames) == 1:
            frame_deadline = deadline
        elif index == 0:
            frame_deadline = start + (deadline - start) / 2
        else:
            now = time.monotonic()
            frame_deadline = now + (deadline - now) / (len(frames) - index)
        enumerator = Enumerator(
            [transform(p.input, forward) for p in task.train],
            [transform(p.output, forward) for p in task.train],
            [transform(g, forward) for g in task.test_inputs],
            prior, config, given=given if index == 0 else (),
        )
        input_expression = wrap(Var("I"), forward)
        try:
            for hit in enumerator.run(frame_deadline):
                candidate = collector.candidate(hit, input_expression, inverse)
                if candidate is None:
                    continue
                if candidate.verified and not uses_given(hit.node):  # seeds add programs, never cut the search short
                    enumerator.stop_level = min(enumerator.stop_level, enumerator.level + config.extra_cost)
                yield candidate
                if collector.verified >= config.max_solutions:
                    break
        finally:
            if stats is not None:
                stats.append(enumerator.stats)
        if collector.verified >= config.max_solutions or time.monotonic() >= deadline:
            break


def guided_prior(guide: Guide, task: Task, prior: Prior, config: SearchConfig) -> Prior:
    """The prior for one task: `prior` bent by the guide's primitive probabilities for its demos (or `prior`
    itself when the task's grids defeat the features, e.g. an empty grid)."""
    try:
        return guide.prior_for([(p.input, p.output) for p in task.train], prior, config.guide_strength,
                               config.guide_limit)
    except FEATURE_ERRORS:
        return prior


class SeedProvider(Protocol):
    """Anything that has seed values for a task's search, e.g. the model source's partial programs."""

    def seeds_for(self, task: Task) -> Sequence[Node]: ...


class SearchSource:
    """Candidate source 'search': typed enumeration with constants inferred from the demos."""

    name = "search"

    def __init__(self, config: SearchConfig | None = None, prior: Prior | dict[str, float] | None = None,
                 seeds: SeedProvider | None = None):
        self.config = config or SearchConfig()
        self.prior = load_prior() if prior is None else as_prior(prior)
        self.guide = load_guide() if self.config.guided else None
        self.seeds = seeds

    def propose(self, task: Task, deadline: float, seed: int) -> Iterator[Candidate]:
        """Candidates for `task` until `deadline`; the enumeration is deterministic, so `seed` is unused."""
        prior = self.prior if self.guide is None else guided_prior(self.guide, task, self.prior, self.config)
        given = self.seeds.seeds_for(task) if self.seeds is not None else ()
        return search_task(task, deadline, prior, self.config, given=given)
