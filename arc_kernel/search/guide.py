"""The guide: a small network that reads a task's features and says which primitives its program likely uses.

DeepCoder's idea on our DSL: a multi-label classifier (features.py → one hidden layer → one sigmoid per
primitive) trained on synthetic records and the solver library (ARC-1 training tasks only). The search turns
its probabilities into a per-task prior: a primitive's cost drops by log2 of how much likelier the guide
finds it for this task than for the average training task (clipped), so the search tries it earlier.

Inference is numpy (the file `guide.npz` beside prior.json; `solve` never imports torch for it); training
(`python -m arc_kernel search guide`) uses torch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy.special import expit

from arc_kernel.search.features import feature_names, task_features
from arc_kernel.search.prior import Prior

GUIDE_PATH = Path(__file__).parent / "guide.npz"


@dataclass
class GuideConfig:
    """Network size, training schedule and how strongly the guide bends the search prior."""

    hidden: int = 256
    epochs: int = 30  # 12 until session 7: 30 ranks held-out primitives better (BENCHMARKS.md, Search)
    batch_size: int = 256
    learning_rate: float = 3e-3
    library_weight: float = 0.0  # each solver-library task counts this many synthetic records (0: left out)
    strength: float = 1.0  # bits of cost change per bit of likelihood ratio
    limit: float = 4.0  # largest cost change in bits, either way
    seed: int = 0


@dataclass
class Guide:
    """A trained guide: normalisation, weights, the primitives it scores and their mean predicted probability."""

    mean: np.ndarray
    scale: np.ndarray
    hidden_weights: np.ndarray
    hidden_bias: np.ndarray
    output_weights: np.ndarray
    output_bias: np.ndarray
    primitives: tuple[str, ...]
    marginal: np.ndarray
    features: tuple[str, ...]

    def predict(self, features: np.ndarray) -> np.ndarray:
        """P(primitive appears in the program) for each of `self.primitives`, given a task's feature vector."""
        x = (features - self.mean) / self.scale
        hidden = np.maximum(x @ self.hidden_weights + self.hidden_bias, 0.0)
        return expit(hidden @ self.output_weights + self.output_bias)

    def probabilities(self, pairs: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """`predict` on the features of the demo pairs."""
        return self.predict(task_features(pairs))

    def prior_for(self, pairs: Sequence[tuple[np.ndarray, np.ndarray]], base: Prior, strength: float = 1.0,
                  limit: float = 4.0) -> Prior:
        """`base` bent by the guide's probabilities for the demo pairs (see `bend`)."""
        return self.bend(self.probabilities(pairs), base, strength, limit)

    def bend(self, probabilities: np.ndarray, base: Prior, strength: float = 1.0, limit: float = 4.0) -> Prior:
        """`base` with each scored primitive's cost moved by −strength·log2(p / mean p), clipped to ±limit bits."""
        ratio = np.log2(np.maximum(probabilities, 1e-9) / np.maximum(self.marginal, 1e-9))
        shift = np.clip(strength * ratio, -limit, limit)
        costs = dict(base.costs)
        for name, bits in zip(self.primitives, shift.tolist()):
            costs[name] = max(base.cost(name) - bits, 0.5)
        return Prior(costs, base.default, base.seconds)

    def save(self, path: Path = GUIDE_PATH) -> None:
        np.savez_compressed(
            path, mean=self.mean, scale=self.scale, hidden_weights=self.hidden_weights.astype(np.float32),
            hidden_bias=self.hidden_bias, output_weights=self.output_weights.astype(np.float32),
            output_bias=self.output_bias, primitives=np.array(self.primitives), marginal=self.marginal,
            features=np.array(self.features),
        )


def load_guide(path: Path = GUIDE_PATH) -> Guide | None:
    """The guide stored at `path`; None when it is missing or was trained on other features."""
    if not Path(path).is_file():
        return None
    data = np.load(path, allow_pickle=False)
    guide = Guide(
        data["mean"], data["scale"], data["hidden_weights"], data["hidden_bias"], data["output_weights"],
        data["output_bias"], tuple(str(n) for n in data["primitives"]), data["marginal"],
        tuple(str(n) for n in data["features"]),
    )
    return guide if guide.features == feature_names() else None


# ---------------------------------------------------------------- training


def program_primitives(program: str, known: dict[str, int]) -> list[int]:
    """Indices (in `known`) of the primitives a program's text names."""
    from arc_kernel.language.syntax import lex

    return sorted({known[t.text] for t in lex(program) if t.text in known})


def labelled_matrix(examples: Sequence[tuple[Sequence[tuple[np.ndarray, np.ndarray]], str]],
                    primitives: Sequence[str], progress: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """(features, 0/1 labels) of (demo pairs, program text) examples."""
    from tqdm import tqdm

    known = {name: i for i, name in enumerate(primitives)}
    features = np.zeros((len(examples), len(feature_names())), dtype=np.float32)
    labels = np.zeros((len(examples), len(primitives)), dtype=np.float32)
    for row, (pairs, program) in enumerate(tqdm(examples, desc="features", unit="task", disable=not progress)):
        features[row] = task_features(pairs)
        labels[row, program_primitives(program, known)] = 1.0
    return features, labels


def train_guide(features: np.ndarray, labels: np.ndarray, weights: np.ndarray, primitives: Sequence[str],
                config: GuideConfig = GuideConfig(), progress: bool = True) -> Guide:
    """Fit the guide by weighted binary cross-entropy with AdamW (torch, CPU)."""
    import torch
    from tqdm import tqdm

    torch.manual_seed(config.seed)
    mean, scale = features.mean(axis=0), features.std(axis=0) + 1e-3
    x = torch.from_numpy((features - mean) / scale)
    y, w = torch.from_numpy(labels), torch.from_numpy(weights.astype(np.float32))
    network = torch.nn.Sequential(torch.nn.Linear(x.shape[1], config.hidden), torch.nn.ReLU(),
                                  torch.nn.Linear(config.hidden, y.shape[1]))
    optimizer = torch.optim.AdamW(network.parameters(), lr=config.learning_rate, weight_decay=1e-4)
    steps = config.epochs * math.ceil(len(x) / config.batch_size)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, config.learning_rate, total_steps=steps)
    loss_function = torch.nn.BCEWithLogitsLoss(reduction="none")
    bar = tqdm(total=steps, desc="train guide", unit="step", disable=not progress)
    for _ in range(config.epochs):
        order = torch.randperm(len(x))
        for start in range(0, len(x), config.batch_size):
            batch = order[start:start + config.batch_size]
            loss = (loss_function(network(x[batch]), y[batch]).mean(dim=1) * w[batch]).sum() / w[batch].sum()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.4f}")
    bar.close()
    with torch.no_grad():
        predicted = torch.sigmoid(network(x)).numpy()
    marginal = (predicted * weights[:, None]).sum(axis=0) / weights.sum()
    first, last = network[0], network[2]
    return Guide(mean.astype(np.float32), scale.astype(np.float32), first.weight.detach().numpy().T.copy(),
                 first.bias.detach().numpy().copy(), last.weight.detach().numpy().T.copy(),
                 last.bias.detach().numpy().copy(), tuple(primitives), marginal.astype(np.float32), feature_names())


def rank_of_used(costs: dict[str, float], used: Sequence[str], primitives: Sequence[str]) -> list[int]:
    """1-based rank of each used primitive when all `primitives` are sorted by cost, cheapest first."""
    order = sorted(primitives, key=lambda n: (costs.get(n, math.inf), n))
    position = {name: i + 1 for i, name in enumerate(order)}
    return [position[name] for name in used if name in position]


def library_examples() -> list[tuple[list[tuple[np.ndarray, np.ndarray]], str]]:
    """(demo pairs, program text) of every solver-library program (ARC-1 training tasks only)."""
    from arc_kernel.datasets import load_dataset
    from arc_kernel.language.syntax import print_program
    from arc_kernel.library import load_library

    tasks = load_dataset("arc1-train").tasks
    return [([(p.input, p.output) for p in tasks[task_id].train], print_program(program))
            for task_id, program in sorted(load_library().items())]


def synthetic_examples(patterns: Sequence[str], limit: int | None) -> list[tuple[list[tuple[np.ndarray, np.ndarray]], str]]:
    """(demo pairs, program text) of synthetic records (see `arc_kernel generate`)."""
    from arc_kernel.model.examples import read_examples

    return [(list(e.pairs), e.program) for e in read_examples(patterns, limit=limit)]


def build_guide(patterns: Sequence[str], limit: int | None, config: GuideConfig = GuideConfig(),
                out: Path = GUIDE_PATH) -> int:
    """Train on synthetic records (and 80% of the library when `config.library_weight` > 0), report how held-out
    tasks' primitives rank, then refit on everything trained on and save. Without library weight every library
    task is held out (a guide that has never seen an ARC task)."""
    from arc_kernel.dsl import PRIMITIVES
    from arc_kernel.search.prior import load_prior

    primitives = sorted(PRIMITIVES)
    library, synthetic = library_examples(), synthetic_examples(patterns, limit)
    print(f"{len(synthetic)} synthetic records, {len(library)} library programs")
    examples = synthetic + library
    features, labels = labelled_matrix(examples, primitives)
    weights = np.array([1.0] * len(synthetic) + [config.library_weight] * len(library))
    rng = np.random.default_rng(config.seed)
    held = np.zeros(len(features), dtype=bool)
    share = 0.2 if config.library_weight > 0 else 1.0  # without library training, every library task is held out
    held[len(synthetic) + np.flatnonzero(rng.random(len(library)) < share)] = True
    held[np.flatnonzero(rng.random(len(synthetic)) < 0.02)] = True
    trial = train_guide(features[~held], labels[~held], weights[~held], primitives, config)
    base = load_prior()
    static_costs = {n: base.cost(n) for n in primitives}
    for name, rows in ((f"library (held-out {share:.0%})", np.flatnonzero(held[len(synthetic):]) + len(synthetic)),
                       ("synthetic (held-out 2%)", np.flatnonzero(held[:len(synthetic)]))):
        static, guided = [], []
        for row in rows:
            used = [primitives[i] for i in np.flatnonzero(labels[row])]
            static += rank_of_used(static_costs, used, primitives)
            bent = trial.bend(trial.predict(features[row]), base, config.strength, config.limit)
            guided += rank_of_used({n: bent.cost(n) for n in primitives}, used, primitives)
        print(f"{name}, {len(rows)} tasks: median rank of a used primitive among {len(primitives)}: "
              f"static prior {np.median(static):.0f}, guided {np.median(guided):.0f}; "
              f"in the top 20: {np.mean(np.array(static) <= 20):.0%} vs {np.mean(np.array(guided) <= 20):.0%}")
    keep = weights > 0
    guide = train_guide(features[keep], labels[keep], weights[keep], primitives, config)
    guide.save(out)
    print(f"wrote {out} ({Path(out).stat().st_size / 1e3:.0f} kB)")
    return 0
