"""The search prior: a cost in bits for each primitive and each kind of constant, read from a JSON file.

The first prior is estimated from how often primitives appear in the solver library (ARC-1 training
tasks only); a model may later hand the search its own per-task prior as a plain dict name → cost.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.language.syntax import Call, Const, Expression, Program, Ref, Var
from arc_kernel.language.typecheck import literal_type

PRIOR_PATH = Path(__file__).parent / "prior.json"
DEFAULT_COST = 7.0  # bits for a primitive the prior has never seen (≈ uniform over ~150 primitives)
CONSTANT_KINDS = ("Color", "Int", "Bool", "ColorMap")
INPUT_COST = 1.0  # the input variable I


@dataclass
class Prior:
    """Costs in bits: `costs` maps primitive names and constant kinds ('Color', 'Int', …) to a cost;
    `seconds` maps primitive names to their measured seconds per call (see timing.py)."""

    costs: dict[str, float] = field(default_factory=dict)
    default: float = DEFAULT_COST
    seconds: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.reference = statistics.median(self.seconds.values()) if self.seconds else 0.0

    def cost(self, name: str) -> float:
        """The cost of a primitive or constant kind; unseen names get the default."""
        return self.costs.get(name, self.default)

    def time_bits(self, name: str) -> float:
        """log2 of how many times slower per call `name` is than the median primitive (0 if not slower or unmeasured)."""
        seconds = self.seconds.get(name, 0.0)
        return math.log2(seconds / self.reference) if seconds > self.reference > 0 else 0.0

    def to_json(self) -> dict:
        return {"default": self.default, "costs": dict(sorted(self.costs.items())),
                "seconds": dict(sorted(self.seconds.items()))}

    @classmethod
    def from_json(cls, data: dict) -> "Prior":
        costs = {str(k): float(v) for k, v in data.get("costs", {}).items()}
        seconds = {str(k): float(v) for k, v in data.get("seconds", {}).items()}
        return cls(costs, float(data.get("default", DEFAULT_COST)), seconds)


def load_prior(path: Path = PRIOR_PATH) -> Prior:
    """The prior stored at `path`, or an all-default one when the file is missing."""
    if not Path(path).exists():
        return Prior()
    return Prior.from_json(json.loads(Path(path).read_text()))


def load_shape_preserving(path: Path = PRIOR_PATH) -> frozenset[str]:
    """The primitives measured to keep their first grid's shape (prior.json's `shape_preserving`; see shapes.py)."""
    if not Path(path).exists():
        return frozenset()
    return frozenset(json.loads(Path(path).read_text()).get("shape_preserving", ()))


def _constant_kind(value: object, wanted: str | None, task_colors: frozenset[int] | None) -> str:
    """The constant kind the search offers `value` as where a parameter of type `wanted` takes it.

    Knowing the task's colours, an Int or Color literal that is one of them is a Color seed (the search
    passes Colors where Ints are wanted) and any other fills its parameter's kind (an Int seed, say);
    without them, the literal's own type decides (`literal_type`: 0–9 read as Colors).
    """
    if task_colors is not None and wanted in ("Int", "Color"):
        return "Color" if value in task_colors else wanted
    return literal_type(value)


def _count(expression: Expression, counts: Counter, task_colors: frozenset[int] | None,
           wanted: str | None = None) -> None:
    if isinstance(expression, Call):
        counts[expression.name] += 1
        primitive = PRIMITIVES.get(expression.name)
        params = primitive.params if primitive is not None else ()
        for index, argument in enumerate(expression.args):
            _count(argument, counts, task_colors, params[index] if index < len(params) else None)
    elif isinstance(expression, Ref):
        counts[expression.name] += 1
    elif isinstance(expression, Const):
        counts[_constant_kind(expression.value, wanted, task_colors)] += 1
    elif isinstance(expression, Var):
        counts["variable"] += 1


def symbol_counts(programs: list[Program], task_colors: list[frozenset[int]] | None = None) -> Counter:
    """How often each primitive (called or passed) and each constant kind appears in `programs`.

    With `task_colors` (the colours of each program's task), literals count as the seed kind the search
    would offer them as, see `_constant_kind`.
    """
    counts: Counter = Counter()
    for index, program in enumerate(programs):
        colors = task_colors[index] if task_colors is not None else None
        for line in program.lines:
            _count(line.expression, counts, colors)
    return counts


def estimate_prior(programs: list[Program], primitive_names: list[str], smoothing: float = 1.0,
                   task_colors: list[frozenset[int]] | None = None) -> Prior:
    """Costs −log2 of smoothed frequencies over primitives and constant kinds (variables excluded)."""
    counts = symbol_counts(programs, task_colors)
    names = sorted(set(primitive_names) | set(CONSTANT_KINDS))
    total = sum(counts[n] for n in names) + smoothing * len(names)
    costs = {n: round(-math.log2((counts[n] + smoothing) / total), 3) for n in names}
    default = round(-math.log2(smoothing / total), 3)
    return Prior(costs, default)


def rebuild_prior(path: Path = PRIOR_PATH) -> Prior:
    """Estimate the prior from the solver library (training tasks only) and write it to `path`."""
    from arc_kernel.datasets import load_dataset
    from arc_kernel.library import load_library
    from arc_kernel.search.constants import propose_constants

    library = load_library()
    tasks = load_dataset("arc1-train").tasks
    colors = []
    for task_id in library:
        task = tasks[task_id]
        proposals = propose_constants([p.input for p in task.train], [p.output for p in task.train],
                                      list(task.test_inputs))
        colors.append(frozenset(proposals.colors))
    programs = list(library.values())
    prior = estimate_prior(programs, list(PRIMITIVES), task_colors=colors)
    prior = Prior(prior.costs, prior.default, load_prior(path).seconds)  # keep the measured call times
    write_prior(prior, path, programs=len(programs))
    return prior


def write_prior(prior: Prior, path: Path = PRIOR_PATH, **notes: object) -> None:
    """Store `prior` as JSON at `path`, with `notes` (e.g. how many programs it came from) on top."""
    old = json.loads(Path(path).read_text()) if Path(path).exists() else {}
    kept = {k: v for k, v in old.items() if k not in ("default", "costs", "seconds")}
    Path(path).write_text(json.dumps({**kept, **notes, **prior.to_json()}, indent=1) + "\n")
