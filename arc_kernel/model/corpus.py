"""The training corpus: every example's whole-program and next-line examples as token ids, built once.

Building runs each program once on its demo inputs (all its variables at once), serialises the task for
the whole program and for every prefix of its flat lines, and maps tokens to ids; it runs in a process
pool and drops records that are in the held-out set (same program text or same semantic signature).
Training then only samples: batches are drawn in blocks, sorted by source length and cut, so a batch pads
to similar lengths (`batch_for_step` is a pure function of the seed and the step, so resuming is exact).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Iterable, Sequence

import numpy as np

from arc_kernel.dsl.errors import DSLError
from arc_kernel.interpreter import Limits, compile_program, run_trace
from arc_kernel.language.typecheck import check
from arc_kernel.model.examples import Example, flat_lines, step_view
from arc_kernel.model.serialize import EOS, encode_task, program_to_tokens

TokenPair = tuple[np.ndarray, np.ndarray]  # (source ids, target ids), int16
TRACE_LIMITS = Limits(max_steps=5_000, seconds=0.25)
BLOCK = 16  # batches drawn, length-sorted and cut together


@dataclass
class Corpus:
    """Whole-program and next-line examples as id arrays, and what building them dropped."""

    whole: list[TokenPair] = field(default_factory=list)
    steps: list[TokenPair] = field(default_factory=list)
    records: int = 0
    dropped_heldout: int = 0
    dropped_failing: int = 0

    def describe(self) -> str:
        return (f"{self.records} records -> {len(self.whole)} whole-program + {len(self.steps)} next-line examples "
                f"({self.dropped_heldout} held-out and {self.dropped_failing} failing records dropped)")


def token_pairs(example: Example, max_source: int) -> tuple[tuple[list[str], list[str]], list[tuple[list[str], list[str]]]]:
    """(whole-program (source, target) tokens, one next-line (source, target) per flat line); raises DSLError
    when the program fails on its own demo inputs."""
    whole = (encode_task(example.pairs, example.test_inputs, None, max_source), program_to_tokens(example.program) + [EOS])
    lines = flat_lines(example.program)
    program = compile_program("\n".join(lines))
    types = check(program)
    traces = [run_trace(program, grid, TRACE_LIMITS) for grid, _ in example.pairs]
    steps = []
    for k, line in enumerate(lines):
        view = step_view(lines[:k], traces, types)
        steps.append((encode_task(example.pairs, example.test_inputs, view, max_source), program_to_tokens(line) + [EOS]))
    return whole, steps


# ---------------------------------------------------------------- building (in worker processes)

_STATE: dict = {}


def _init(vocab: dict[str, int], unk: int, max_source: int, programs: frozenset, signatures: frozenset) -> None:
    _STATE.update(vocab=vocab, unk=unk, max_source=max_source, programs=programs, signatures=signatures)


def _ids(tokens: Sequence[str]) -> np.ndarray:
    vocab, unk = _STATE["vocab"], _STATE["unk"]
    return np.array([vocab.get(t, unk) for t in tokens], dtype=np.int16)


def _held_out(example: Example) -> bool:
    if example.program in _STATE["programs"]:
        return True
    if not _STATE["signatures"]:
        return False
    from arc_kernel.synthesis.dedupe import signature
    from arc_kernel.synthesis.relabel import build_task

    inputs = [i for i, _ in example.pairs] + list(example.test_inputs)
    outputs = [o for _, o in example.pairs] + list(example.test_outputs)
    return signature(compile_program(example.program), build_task(inputs, outputs, "record")) in _STATE["signatures"]


def _encode(example: Example):
    """'heldout', 'failing', or ((whole source, target ids), [(next-line source, target ids), …]) for one example."""
    try:
        if _held_out(example):
            return "heldout"
        whole, steps = token_pairs(example, _STATE["max_source"])
    except DSLError:
        return "failing"
    return (_ids(whole[0]), _ids(whole[1])), [(_ids(s), _ids(t)) for s, t in steps]


def build_corpus(
    examples: Sequence[Example], tokenizer, max_source: int, exclude_programs: Iterable[str] = (),
    exclude_signatures: Iterable[str] = (), whole_depth_max: int | None = None, workers: int = 1, progress: bool = True,
) -> Corpus:
    """Token ids of every example's whole program (only depth <= `whole_depth_max`, if set) and next lines."""
    from tqdm import tqdm

    args = (tokenizer.get_vocab(), tokenizer.unk_token_id, max_source, frozenset(exclude_programs), frozenset(exclude_signatures))
    corpus = Corpus(records=len(examples))
    bar = tqdm(total=len(examples), disable=not progress, desc="tokenise", unit="record")
    if workers > 1:
        pool = get_context("fork").Pool(workers, initializer=_init, initargs=args)
        results = pool.imap(_encode, examples, chunksize=64)
    else:
        pool, results = None, None
        _init(*args)
        results = map(_encode, examples)
    try:
        for example, result in zip(examples, results):
            bar.update(1)
            if result == "heldout":
                corpus.dropped_heldout += 1
            elif result == "failing":
                corpus.dropped_failing += 1
            else:
                whole, steps = result
                if whole_depth_max is None or example.depth <= whole_depth_max:
                    corpus.whole.append(whole)
                corpus.steps.extend(steps)
    finally:
        bar.close()
        if pool is not None:
            pool.close()
            pool.join()
    return corpus


# ---------------------------------------------------------------- sampling


def batch_for_step(corpus: Corpus, seed: int, step: int, batch_size: int, step_fraction: float, shard: int = 0) -> list[TokenPair]:
    """The batch of `step`: BLOCK batches are drawn together, sorted by source length and cut, then shuffled."""
    block, index = divmod(step, BLOCK)
    rng = random.Random(f"{seed}:{shard}:{block}")
    fraction = step_fraction if corpus.whole and corpus.steps else (1.0 if corpus.steps else 0.0)
    drawn = [rng.choice(corpus.steps) if rng.random() < fraction else rng.choice(corpus.whole)
             for _ in range(batch_size * BLOCK)]
    drawn.sort(key=lambda pair: (len(pair[0]), len(pair[1])))
    batches = [drawn[i * batch_size:(i + 1) * batch_size] for i in range(BLOCK)]
    rng.shuffle(batches)
    return batches[index]


def collate(torch, batch: Sequence[TokenPair], pad_id: int, device) -> dict:
    """Model inputs for a batch of id pairs, padded to the longest source and target in the batch."""
    width, length = max(len(s) for s, _ in batch), max(len(t) for _, t in batch)
    input_ids = np.full((len(batch), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(batch), width), dtype=np.int64)
    labels = np.full((len(batch), length), -100, dtype=np.int64)
    for row, (source, target) in enumerate(batch):
        input_ids[row, : len(source)] = source
        mask[row, : len(source)] = 1
        labels[row, : len(target)] = target
    return {"input_ids": torch.from_numpy(input_ids).to(device), "attention_mask": torch.from_numpy(mask).to(device),
            "labels": torch.from_numpy(labels).to(device)}
