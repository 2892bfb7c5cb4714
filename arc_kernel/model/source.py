"""`ModelSource`: the model as a candidate source beside search — its proposals are verified on the demos.

It runs before search and takes at most `time_share` of the task's time (search runs until the deadline, so a
source after it would get none).

Built once per worker process (`solve.build_sources`); loads the shipped weights (base + adapter) once.
Missing or broken weights disable the source with a warning, and solving goes on with search only.
"""

from __future__ import annotations

import logging
import os
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)

WEIGHTS = Path(__file__).resolve().parents[2] / "weights"


def weights_dir() -> Path:
    """Where the shipped weights are: $ARC_KERNEL_WEIGHTS, else the repository's weights/ folder."""
    return Path(os.environ.get("ARC_KERNEL_WEIGHTS", WEIGHTS))


@dataclass
class ModelSourceSettings:
    """How the source decodes: whole-program beams first, then step-by-step search."""

    weights: str | None = None  # folder holding model/ and (optionally) adapter/
    beams: int = 8
    step_width: int = 4
    step_beams: int = 4
    max_lines: int = 8
    step_by_step: bool = True
    threads: int = 1  # torch threads per worker (workers already use every core)
    load_in_4bit: bool = False  # CUDA only; skipped with a message on CPU
    time_share: float = 0.3  # of the time left when it starts (search, which runs after it, gets the rest)
    guide: bool = True  # bias primitive tokens by the search guide's per-task prior (decode.ProgramDecoder)
    # Anytime: while its time share lasts, decode again with twice the beams and step sizes, up to the caps (the
    # sizes `model evaluate` measures). Beside search, a round that proposed a verified program is the last.
    escalate: bool = True
    stop_when_found: bool = True  # off when the model is alone: nothing else would use the time
    max_beams: int = 2048
    max_step_width: int = 32
    max_step_beams: int = 8
    # The round at the caps also decodes whole programs through the symmetries of the square (views.py): `views`
    # views, `view_beams` beams each past the task as given, whose own programs rank first (as `model evaluate`
    # measures them; BENCHMARKS.md, session 18). Only reached with time to spare (not at 10 s on a CPU).
    views: int = 8
    view_beams: int = 512
    # The search after the model starts from the values of the `seeds` likeliest partial programs of step-by-step
    # decoding too (0: not), each costing `seed_bits` bits per bit of its -log-probability (completion.py).
    seeds: int = 128
    seed_bits: float = 1.0


def load_decoder(settings: ModelSourceSettings):
    """A ProgramDecoder over the weights in `settings.weights` (raises when they are missing or broken)."""
    import torch

    from arc_kernel.model.decode import ProgramDecoder
    from arc_kernel.model.network import load_model

    root = Path(settings.weights) if settings.weights else weights_dir()
    adapter = root / "adapter"
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cpu" and settings.threads:
        torch.set_num_threads(settings.threads)
    model, tokenizer, config = load_model(
        root / "model", adapter if (adapter / "adapter_config.json").is_file() else None,
        load_in_4bit=settings.load_in_4bit, device=device,
    )
    guide = None
    if settings.guide:
        from arc_kernel.search.guide import load_guide

        guide = load_guide()
    return ProgramDecoder(model, tokenizer, config.max_source_tokens, guide=guide)


class ModelSource:
    """Proposes programs written by the model; yields those that reproduce every demo pair."""

    name = "model"

    def __init__(self, config=None, settings: ModelSourceSettings | None = None):
        self.settings = settings or ModelSourceSettings()
        if config is not None and not getattr(config, "use_search", True):
            self.settings.time_share = 1.0  # alone, the model may use the whole budget, decoding ever wider
            self.settings.stop_when_found = False
        if config is not None and not getattr(config, "model_widening", True):
            self.settings.escalate = False
        if config is not None and not getattr(getattr(config, "search", None), "guided", True):
            self.settings.guide = False  # solve --no-guide: neither search nor model uses the guide
        self.decoder = None
        self.error: str | None = None
        self._partials: tuple[str, list] = ("", [])  # the last task's partial programs (lines, score)
        try:
            self.decoder = load_decoder(self.settings)
        except Exception as error:  # missing or broken weights: search-only, never a crash
            self.error = f"{type(error).__name__}: {error}"
            warnings.warn(f"model source disabled ({self.error}); solving with search only", RuntimeWarning, stacklevel=2)

    def propose(self, task, deadline: float, seed: int) -> Iterator:
        """Verified candidates from whole-program beam search, then from step-by-step decoding, until `deadline`."""
        if self.decoder is None:
            return
        if self.settings.time_share < 1.0:
            now = time.monotonic()
            deadline = now + (deadline - now) * self.settings.time_share
        from arc_kernel.solve import Candidate

        seen: set[str] = set()
        self._partials = (task.id, [])
        made = self._partials[1]
        for round_index, settings in enumerate(self.rounds()):
            if round_index and self.settings.stop_when_found and seen:
                return
            batches = [lambda: self.decoder.whole([task], settings, max_time=deadline - time.monotonic(), seed=seed)[0]]
            if self.settings.step_by_step:
                batches.append(lambda: self.decoder.step_by_step(task, settings, deadline=deadline, seed=seed, made=made))
            for batch_index, batch in enumerate(batches):
                if time.monotonic() >= deadline:
                    return
                for index, proposal in enumerate(batch()):
                    if proposal.program in seen or not proposal.verified or any(o is None for o in proposal.test_outputs):
                        continue
                    seen.add(proposal.program)
                    yield Candidate(
                        outputs=tuple(proposal.test_outputs), program=proposal.program, source=self.name,
                        rank=(round_index, batch_index, index, -proposal.score), train_correct=proposal.train_correct,
                        train_total=proposal.train_total,
                    )

    def seeds_for(self, task) -> list:
        """Seed values for the search on `task`: the values of the likeliest partial programs decoded for it."""
        task_id, partials = self._partials
        if task_id != task.id or not partials or self.settings.seeds <= 0:
            return []
        from arc_kernel.model.completion import seed_nodes

        best: dict[tuple[str, ...], float] = {}
        for lines, score in partials:
            key = tuple(lines)
            best[key] = max(best.get(key, -1e9), score)
        chosen = sorted(best.items(), key=lambda item: -item[1])[: self.settings.seeds]
        inputs = [pair.input for pair in task.train] + list(task.test_inputs)
        return seed_nodes([(list(lines), score) for lines, score in chosen], inputs, self.settings.seed_bits)

    def rounds(self) -> Iterator:
        """DecodeSettings per round: the configured sizes, then (escalating) twice as wide each round, each size up
        to its cap; the round at the caps decodes through `views` views."""
        from arc_kernel.model.decode import DecodeSettings

        given = self.settings
        first = (given.beams, given.step_width, given.step_beams)
        caps = tuple(max(size, cap) if size > 0 else size  # a size of 0 stays 0: no endless rounds
                     for size, cap in zip(first, (given.max_beams, given.max_step_width, given.max_step_beams)))
        scale = 1
        while True:
            beams, width, step_beams = (min(size * scale, cap) for size, cap in zip(first, caps))
            at_caps = (beams, width, step_beams) == caps
            yield DecodeSettings(beams=beams, step_width=width, step_beams=step_beams, max_lines=given.max_lines,
                                 views=given.views if at_caps else 1, view_beams=given.view_beams)
            if not given.escalate or at_caps:
                return
            scale *= 2
