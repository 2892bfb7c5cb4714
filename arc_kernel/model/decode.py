"""Decoding programs: grammar-constrained beam search or sampling of whole programs, and execution-guided
step-by-step decoding (emit one line, run it on the demo inputs, feed the results back, continue).

Every proposal is a distinct program that parses and type-checks, run on the demos before it is returned.
"""

from __future__ import annotations

import inspect
import re
import time
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from arc_kernel.dsl.errors import DSLError
from arc_kernel.dsl.types import value_key
from arc_kernel.interpreter import Limits, compile_program, run
from arc_kernel.model.completion import complete
from arc_kernel.model.examples import partial_program, step_view, trace_prefix
from arc_kernel.language.syntax import MAX_LITERAL, Program, print_program
from arc_kernel.model.grammar import ProgramGrammar
from arc_kernel.model.repair import program_slots, recolored, repair, task_constants
from arc_kernel.model.serialize import StepView, encode_task, tokens_to_program
from arc_kernel.model.views import COLOUR_VIEWS, VIEWS, grid_task, map_back, view_task

STEP_LIMITS = Limits(max_steps=5_000, seconds=0.25)
MAX_STEP_BEAMS = 64  # beams per partial program when the frontier is short


@dataclass(frozen=True)
class Proposal:
    """A decoded program, its score (sum of token log-probabilities) and how it fared on the task."""

    program: str
    score: float
    train_correct: int
    train_total: int
    test_outputs: tuple[np.ndarray | None, ...]

    @property
    def verified(self) -> bool:
        return self.train_total > 0 and self.train_correct == self.train_total


@dataclass
class DecodeSettings:
    """Beam width, sampling and step-by-step search sizes."""

    beams: int = 8  # whole-program beams (= programs returned before de-duplication), per view
    views: int = 1  # whole programs: also decode the task through the first `views` symmetries (views.VIEWS; 1: as given)
    view_beams: int = 0  # beams of each view but the first (0: `beams`)
    colour_views: int = 0  # whole programs: also decode the task through the first N of views.COLOUR_VIEWS
    sample: bool = False  # sample instead of beam search
    temperature: float = 1.0
    step_width: int = 4  # partial programs kept per depth in step-by-step decoding
    step_beams: int = 4  # next lines proposed per partial program
    max_lines: int = 8
    max_new_tokens: int = 160
    # The guide's bias on primitive tokens: bits per bit of its likelihood ratio (0: off) and the largest bias in
    # bits, for whole programs and for step-by-step lines (chosen on a synthetic tuning set, BENCHMARKS.md).
    guide_strength: float = 1.0
    guide_limit: float = 4.0
    step_guide_strength: float = 2.0
    step_guide_limit: float = 8.0
    palette_only: bool = True  # colour literals only from the colours the task's grids show
    task_integers: bool = True  # Int literals only from task_integers(): small ones and the task's size constants
    # Repair (repair.py): the best `repair_programs` proposals that miss a demo are retried with up to
    # `repair_variants` other constants or primitives each; a variant that reproduces every demo replaces it.
    repair_programs: int = 32
    repair_variants: int = 128
    repair_calls: bool = True  # also try sibling primitives (same type, the guide's likeliest first) in each call
    repair_recolor: bool = True  # finish programs whose outputs are the demos' up to one colour map with that map
    step_skeleton_cap: int = 2  # partial programs kept per skeleton (lines equal but for constants; 0: no cap)
    # Partial programs are kept by log-probability plus this many nats times how much closer their latest grid is
    # to the demo outputs than the input was (closeness_gain; 0: log-probability alone).
    step_closeness: float = 0.0
    # A line's beams are split over its likeliest (target, primitive) starts (0: one beam search over all starts):
    # the first line's over step_heads starts, each later line's over step_heads_later per partial program; at
    # least two beams per start.
    step_heads: int = 32
    step_heads_later: int = 4
    # A line start with at most `step_exact` completions under the grammar has every one of them scored by the
    # network (exact, not beam-searched); starts with more are beam-searched as above (0: beam search only).
    step_exact: int = 64
    # Completion (completion.py): after step-by-step decoding, the search runs this many seconds from the values
    # of every partial program made (0: off); a seed costs `completion_bits` bits per bit of -log-probability.
    completion_seconds: float = 0.0
    completion_bits: float = 1.0


def task_view(task) -> tuple[tuple[tuple[np.ndarray, np.ndarray], ...], tuple[np.ndarray, ...]]:
    """(demo pairs, test inputs) of an `arc_kernel.task.Task` or a synthetic `Example`."""
    if hasattr(task, "pairs"):
        return tuple(task.pairs), tuple(task.test_inputs)
    return tuple((p.input, p.output) for p in task.train), tuple(task.test_inputs)


def check_program(program: str | Program, pairs, test_inputs, limits: Limits = STEP_LIMITS) -> tuple[int, tuple]:
    """(demos reproduced, test outputs) for a program (text or parsed); stops at the first wrong demo."""
    compiled = compile_program(program) if isinstance(program, str) else program
    correct, _ = demo_outputs(compiled, pairs, limits)
    return correct, outputs_on_tests(compiled, test_inputs, limits) if correct == len(pairs) else ()


def demo_outputs(program: Program, pairs, limits: Limits = STEP_LIMITS) -> tuple[int, list[np.ndarray | None]]:
    """(demos reproduced, the program's outputs on the demos up to and including the first it gets wrong, None
    where it fails)."""
    outputs: list[np.ndarray | None] = []
    for grid_in, grid_out in pairs:
        try:
            outputs.append(run(program, grid_in, limits))
        except DSLError:
            outputs.append(None)
            return len(outputs) - 1, outputs
        if outputs[-1].shape != grid_out.shape or not np.array_equal(outputs[-1], grid_out):
            return len(outputs) - 1, outputs
    return len(outputs), outputs


def outputs_on_tests(program: Program, test_inputs, limits: Limits = STEP_LIMITS) -> tuple:
    """The program's output on each test input (None where it fails)."""
    outputs: list[np.ndarray | None] = []
    for grid in test_inputs:
        try:
            outputs.append(run(program, grid, limits))
        except DSLError:
            outputs.append(None)
    return tuple(outputs)


@dataclass
class _Partial:
    lines: list[str]
    traces: list[dict[str, object]]
    types: dict[str, str]
    score: float
    seen: set = field(default_factory=set)  # value fingerprints already held (no line may repeat one)


class ProgramDecoder:
    """Turns tasks into program proposals with a loaded model (see `network.load_model`).

    With a `guide` (search/guide.py), each primitive token's log-probability is raised or lowered by how much
    likelier the guide finds that primitive for this task than for the average one (a product of experts:
    the guide reads hand-made task features, the decoder reads the grids).
    """

    def __init__(self, model, tokenizer, max_source_tokens: int = 1024, device: str | None = None, guide=None):
        import torch

        self.model, self.tokenizer, self.max_source = model, tokenizer, max_source_tokens
        self.device = device or next(model.parameters()).device
        self.vocab = tokenizer.get_vocab()
        self.words = {i: w for w, i in self.vocab.items()}
        self.torch = torch
        self._whole_grammars: dict[tuple[str, ...] | None, ProgramGrammar] = {}
        self.guide = guide
        self._search_prior = None
        # the forward argument that takes a decoder cache: `cache` in recent transformers, `past_key_values` before
        self._cache_argument = "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"
        if guide is not None:
            known = [(i, self.vocab[name]) for i, name in enumerate(guide.primitives) if name in self.vocab]
            self._guide_rows = np.array([i for i, _ in known], dtype=np.int64)
            self._guide_tokens = torch.tensor([t for _, t in known], dtype=torch.long)

    def guide_bias(self, pair_lists: Sequence, strength: float, limit: float):
        """(sources, vocabulary) logit offsets from the guide, in nats; None without a guide or at strength 0."""
        if self.guide is None or strength <= 0:
            return None
        bias = self.torch.zeros((len(pair_lists), len(self.vocab)), dtype=self.torch.float32)
        for row, pairs in enumerate(pair_lists):
            probabilities = self._probabilities(pairs)
            if probabilities is None:  # grids the features cannot read: no opinion on this source
                continue
            ratio = np.log2(np.maximum(probabilities, 1e-9) / np.maximum(self.guide.marginal, 1e-9))
            bits = np.clip(strength * ratio, -limit, limit)
            bias[row, self._guide_tokens] = self.torch.from_numpy(bits[self._guide_rows] * np.log(2)).float()
        return bias.to(self.device)

    def search_prior(self, pairs):
        """The search's prior for this task: the stored one, bent by the guide as the search source bends it."""
        from arc_kernel.search.enumeration import SearchConfig
        from arc_kernel.search.prior import load_prior

        if self._search_prior is None:
            self._search_prior = load_prior()
        probabilities = self._probabilities(pairs)
        if probabilities is None:
            return self._search_prior
        config = SearchConfig()
        return self.guide.bend(probabilities, self._search_prior, config.guide_strength, config.guide_limit)

    def preference(self, pairs) -> dict[str, float] | None:
        """The guide's probability of each primitive for this task (None without a guide or readable features)."""
        probabilities = self._probabilities(pairs)
        return None if probabilities is None else dict(zip(self.guide.primitives, probabilities.tolist()))

    def _probabilities(self, pairs) -> np.ndarray | None:
        """The guide's per-primitive probabilities for these pairs, or None (no guide, or unreadable grids)."""
        if self.guide is None:
            return None
        from arc_kernel.search.features import FEATURE_ERRORS

        try:
            return self.guide.probabilities(pairs)
        except FEATURE_ERRORS:
            return None

    # ------------------------------------------------------------ shared

    def _batch(self, sources: Sequence[list[str]]):
        ids = [self.tokenizer.convert_tokens_to_ids(s) for s in sources]
        width = max(len(i) for i in ids)
        pad = self.tokenizer.pad_token_id
        input_ids = self.torch.tensor([i + [pad] * (width - len(i)) for i in ids], device=self.device)
        mask = self.torch.tensor([[1] * len(i) + [0] * (width - len(i)) for i in ids], device=self.device)
        return input_ids, mask

    def _encode(self, sources: Sequence[list[str]]):
        """(encoder states, attention mask) of a batch of sources, to decode from many times."""
        input_ids, mask = self._batch(sources)
        with self.torch.no_grad():
            states = self.model.get_encoder()(input_ids=input_ids, attention_mask=mask).last_hidden_state
        return states, mask

    def _generate(self, sources, grammars, count: int, settings: DecodeSettings, max_time: float | None, seed: int,
                  bias=None, prefixes: Sequence[list[int]] | None = None, encoded=None):
        """count sequences per source: (token lists, scores), grouped by source; `bias` from `guide_bias`.

        `prefixes` (token ids, one equal-length list per source) start each source's sequences; their tokens are
        part of the returned token lists but not of the scores. `encoded` (from `_encode`, one row per source)
        saves encoding the sources again."""

        from transformers import LogitsProcessorList

        processors = LogitsProcessorList([GrammarMask(grammars)])
        if bias is not None:
            processors.append(PrimitiveBias(bias))
        kwargs = dict(
            max_new_tokens=settings.max_new_tokens, num_return_sequences=count, logits_processor=processors,
            return_dict_in_generate=True, output_scores=True,
        )
        beam_search = count > 1 and not settings.sample
        if encoded is None and beam_search:
            encoded = self._encode(sources)
        if encoded is None:
            kwargs["input_ids"], kwargs["attention_mask"] = self._batch(sources)
        else:
            from transformers.modeling_outputs import BaseModelOutput

            kwargs["encoder_outputs"], kwargs["attention_mask"] = BaseModelOutput(last_hidden_state=encoded[0]), encoded[1]
        if max_time is not None:
            kwargs["max_time"] = max(max_time, 0.05)
        if prefixes is not None:
            start = self.model.config.decoder_start_token_id
            kwargs["decoder_input_ids"] = self.torch.tensor([[start, *p] for p in prefixes], device=self.device)
        if settings.sample:
            self.torch.manual_seed(seed)
            kwargs.update(do_sample=True, top_k=0, temperature=settings.temperature, num_beams=1)
        elif beam_search:
            kwargs.update(num_beams=count, length_penalty=0.0, early_stopping=True)
            kwargs[self._cache_argument] = _beam_cache(self._cross_attention(encoded[0]), count)
        else:
            kwargs.update(do_sample=False, num_beams=1)
        with self.torch.no_grad():
            out = self.model.generate(**kwargs)
        sequences = out.sequences.tolist()
        if settings.sample or count == 1:
            scores = self.model.compute_transition_scores(out.sequences, out.scores, normalize_logits=True)
            totals = [float(s[self.torch.isfinite(s)].sum()) for s in scores]
        else:
            totals = out.sequences_scores.tolist()
        groups = []
        for b in range(len(sources)):
            rows = range(b * count, (b + 1) * count)
            groups.append([([self.words.get(t, "") for t in sequences[r][1:]], totals[r]) for r in rows])
        return groups

    def line_heads(self, sources, grammars, bias, count: int, encoded=None) -> list[list[tuple[list[int], float]]]:
        """Per source, the `count` likeliest starts of a line — target, "=", primitive as token ids — with their
        log-probabilities (the guide's bias included, as beam search scores them), best first."""
        rows, starts = [], []
        for row, grammar in enumerate(grammars):
            for target in grammar.allowed_ids([]):
                for equals in grammar.allowed_ids([target]):
                    rows.append(row)
                    starts.append([target, equals])
        if not rows:
            return [[] for _ in sources]
        states, mask = encoded if encoded is not None else self._encode(sources)
        begin = self.model.config.decoder_start_token_id
        decoder_ids = self.torch.tensor([[begin, *start] for start in starts], device=self.device)
        with self.torch.no_grad():
            logits = self.model(encoder_outputs=(states[rows],), attention_mask=mask[rows],
                                decoder_input_ids=decoder_ids).logits
        log_probs = self.torch.log_softmax(logits.float(), dim=-1).cpu()
        if bias is not None:
            log_probs[:, 2] += bias.cpu()[rows]
        heads: list[list[tuple[list[int], float]]] = [[] for _ in sources]
        for i, (row, (target, equals)) in enumerate(zip(rows, starts)):
            opening = float(log_probs[i, 0, target] + log_probs[i, 1, equals])
            for primitive in grammars[row].allowed_ids([target, equals]):
                heads[row].append(([target, equals, primitive], opening + float(log_probs[i, 2, primitive])))
        return [sorted(h, key=lambda h: -h[1])[:count] for h in heads]

    def _generate_from_heads(self, sources, grammars, beams: int, heads_per_source: int, settings: DecodeSettings,
                             max_time: float | None, seed: int, bias=None):
        """Like `_generate`, but each source's `beams` are split over its `heads_per_source` likeliest line starts
        (line_heads), so that one primitive's many argument variants cannot crowd the others out. A start with at
        most `settings.step_exact` completions has all of them scored instead (`score_sequences`)."""
        started = time.monotonic()
        states, mask = self._encode(sources)  # once per source, however many line starts share it
        heads = self.line_heads(sources, grammars, bias, heads_per_source, (states, mask))
        merged: list[list] = [[] for _ in sources]
        index = []  # (row, head) left to beam search
        for row, found in enumerate(heads):
            exact = []
            for prefix, head_score in found:
                completions = grammars[row].completions(prefix, settings.step_exact) if settings.step_exact else None
                if completions is None:
                    index.append((row, (prefix, head_score)))
                else:
                    exact.extend((ids, head_score) for ids in completions)
            if exact:
                scores = self.score_sequences(states[row], mask[row], [ids for ids, _ in exact], len(found[0][0]),
                                              None if bias is None else bias[row])
                merged[row].extend(([self.words.get(t, "") for t in ids], head + score)
                                   for (ids, head), score in zip(exact, scores))
        if not index:
            return merged
        if max_time is not None:
            max_time -= time.monotonic() - started
        per_head = max(1, beams // max(len(found) for found in heads))
        rows = [r for r, _ in index]
        groups = self._generate([sources[r] for r in rows], [grammars[r] for r in rows], per_head, settings,
                                max_time, seed, None if bias is None else bias[rows],
                                prefixes=[prefix for _, (prefix, _) in index], encoded=(states[rows], mask[rows]))
        for (row, (_, head_score)), group in zip(index, groups):
            merged[row].extend((words, head_score + score) for words, score in group)
        return merged

    def score_sequences(self, states, mask, sequences: Sequence[list[int]], skip: int, bias=None,
                        chunk: int = 512) -> list[float]:
        """The log-probability (guide `bias` row included, as beam search scores it) of each token-id sequence
        after its first `skip` tokens, decoded from one source's encoder `states` (source tokens × width)."""
        torch = self.torch
        begin, pad = self.model.config.decoder_start_token_id, self.tokenizer.pad_token_id
        totals: list[float] = []
        cross = self._cross_attention(states)
        for first in range(0, len(sequences), chunk):
            part = sequences[first:first + chunk]
            width = max(len(ids) for ids in part)
            targets = torch.tensor([ids + [pad] * (width - len(ids)) for ids in part], device=self.device)
            inputs = torch.cat([torch.full((len(part), 1), begin, device=self.device), targets[:, :-1]], dim=1)
            cache = {self._cache_argument: _beam_cache(cross, len(part))}
            with torch.no_grad():
                logits = self.model(encoder_outputs=(states[None].expand(len(part), -1, -1),),
                                    attention_mask=mask[None].expand(len(part), -1), decoder_input_ids=inputs,
                                    use_cache=True, **cache).logits
            token_scores = torch.log_softmax(logits.float(), dim=-1)
            if bias is not None:
                token_scores = token_scores + bias.float()
            picked = token_scores.gather(2, targets[..., None])[..., 0]
            counted = targets != pad
            counted[:, :skip] = False
            totals.extend((picked * counted).sum(dim=1).tolist())
        return totals

    def _cross_attention(self, states) -> list[tuple]:
        """Each decoder layer's cross-attention (keys, values) of encoder `states`: one source's (tokens × width),
        a batch of one, or a batch of sources (sources × tokens × width)."""
        states = states[None] if states.dim() == 2 else states
        pairs = []
        with self.torch.no_grad():
            for block in self.model.decoder.block:
                attention = block.layer[1].EncDecAttention
                shape = (*states.shape[:2], -1, attention.key_value_proj_dim)
                pairs.append((attention.k(states).view(shape).transpose(1, 2),
                              attention.v(states).view(shape).transpose(1, 2)))
        return pairs

    # ------------------------------------------------------------ whole programs

    def program_scores(self, task, programs: Sequence[str], settings: DecodeSettings = DecodeSettings()) -> list[float]:
        """The log-probability the decoder gives each program text (in its canonical form) as the whole program for
        `task`, the guide's bias included as beam search scores; -inf for one with a name the vocabulary lacks."""
        from arc_kernel.model.serialize import EOS, program_to_tokens

        pairs, tests = task_view(task)
        states, mask = self._encode([encode_task(pairs, tests, None, self.max_source)])
        bias = self.guide_bias([pairs], settings.guide_strength, settings.guide_limit)
        token_lists: list[list[str] | None] = []
        for program in programs:
            try:
                token_lists.append(program_to_tokens(canonical_text(program)) + [EOS])
            except DSLError:  # text the lexer refuses scores -inf
                token_lists.append(None)
        known = [i for i, tokens in enumerate(token_lists) if tokens and all(t in self.vocab for t in tokens)]
        scores = self.score_sequences(states[0], mask[0], [[self.vocab[t] for t in token_lists[i]] for i in known], 0,
                                      None if bias is None else bias[0]) if known else []
        result = [float("-inf")] * len(programs)
        for i, score in zip(known, scores):
            result[i] = score
        return result

    def whole(self, tasks: Sequence, settings: DecodeSettings = DecodeSettings(), max_time: float | None = None,
              seed: int = 0) -> list[list[Proposal]]:
        """Distinct checked proposals for each task (those reproducing every demo first, then by score), decoding
        the whole program at once; with `settings.views` > 1 (or `colour_views` > 0), also each task turned and
        mirrored (or recoloured; views.py), its programs mapped back and ranked after those of the task as given
        (so views only add programs: ranked by score alone, their wrong programs that fit the demos pushed right
        ones out of the first k)."""
        deadline = None if max_time is None else time.monotonic() + max_time
        tasks = [task_view(t) for t in tasks]
        ranked: list[list[tuple[str, float, bool]]] = [[] for _ in tasks]  # (text, score, from another view)
        for view in (*VIEWS[:max(1, settings.views)], *COLOUR_VIEWS[:settings.colour_views]):
            if deadline is not None and time.monotonic() >= deadline:
                break
            # one view at a time: a single source's beams share its encoder states (_beam_cache) without copies
            chosen = [i for i, (pairs, _) in enumerate(tasks) if view.identity or grid_task(pairs)]
            seen = [view_task(*tasks[i], view) for i in chosen]
            sources = [encode_task(pairs, tests, None, self.max_source) for pairs, tests in seen]
            bias = self.guide_bias([pairs for pairs, _ in seen], settings.guide_strength, settings.guide_limit)
            grammars = [self._whole_grammar(palette(pairs, tests) if settings.palette_only else None,
                                            task_integers(pairs) if settings.task_integers else None)
                        for pairs, tests in seen]
            left = None if deadline is None else deadline - time.monotonic()
            beams = settings.beams if view.identity or settings.view_beams <= 0 else settings.view_beams
            for i, group in zip(chosen, self._generate(sources, grammars, beams, settings, left, seed, bias)):
                for text, score in self._texts(group):
                    try:
                        ranked[i].append((map_back(text, view), score, not view.identity))
                    except DSLError:  # not a program (the checks below would drop it too)
                        continue
        return [self._checked([(text, score) for text, score, _ in sorted(r, key=lambda item: (item[2], -item[1]))],
                              pairs, tests, settings, deadline) for r, (pairs, tests) in zip(ranked, tasks)]

    def _whole_grammar(self, colours: tuple[str, ...] | None, integers: tuple[str, ...] | None) -> ProgramGrammar:
        """The whole-program grammar for a palette and integer set (kept: its prefix caches serve every task with
        the same literals)."""
        key = (colours, integers)
        if key not in self._whole_grammars:
            if len(self._whole_grammars) > 64:
                self._whole_grammars.clear()
            self._whole_grammars[key] = ProgramGrammar(self.vocab, colours=colours, integers=integers)
        return self._whole_grammars[key]

    @staticmethod
    def _texts(group) -> list[tuple[str, float]]:
        """The finished decoded sequences as (canonical program text, score)."""
        return [(canonical_text(tokens_to_program(words)), score) for words, score in group if "</s>" in words]

    def _checked(self, ranked: Sequence[tuple[str, float]], pairs, tests, settings: DecodeSettings,
                 deadline: float | None, repair_deadline: float | None = None,
                 recoloured: set[str] = frozenset()) -> list[Proposal]:
        """Distinct programs checked on the task until `deadline`, those that reproduce every demo first (programs
        finished by a colour map, `recoloured` or recoloured here, after the others), each group best score first;
        the best `repair_programs` that miss a demo are repaired (repair.py) until `repair_deadline` (default:
        `deadline`)."""
        repair_deadline = deadline if repair_deadline is None else repair_deadline
        seen: set[str] = set()
        proposals: list[Proposal] = []
        repairs = _Repairs.for_task(self, pairs, tests, settings)
        for text, score in ranked:
            if deadline is not None and time.monotonic() >= deadline:
                break
            if text in seen:
                continue
            seen.add(text)
            try:
                program = compile_program(text)
                correct, known = demo_outputs(program, pairs)
            except DSLError:
                continue
            outputs = outputs_on_tests(program, tests) if correct == len(pairs) else ()
            if correct < len(pairs):
                fixed = repairs.attempt(program, pairs, repair_deadline, known)
                if fixed is not None:
                    text = print_program(fixed)
                    if text in seen:
                        continue
                    seen.add(text)
                    correct, outputs = check_program(fixed, pairs, tests)
            proposals.append(Proposal(text, score, correct, len(pairs), outputs))
        late = repairs.recoloured | recoloured
        return sorted(proposals, key=lambda p: (not p.verified, p.program in late))  # stable: score order within groups

    # ------------------------------------------------------------ step by step

    def step_by_step(self, task, settings: DecodeSettings = DecodeSettings(), deadline: float | None = None,
                     seed: int = 0, made: list | None = None) -> list[Proposal]:
        """Execution-guided decoding: grow partial programs line by line, run each line on the demos, keep the
        best `step_width`; return the finished programs, each checked on the task (those reproducing every demo
        first, then by score). `made`, when given, receives (lines, score) of every distinct partial program grown
        (completion.py)."""
        pairs, tests = task_view(task)
        literals = (palette(pairs, tests) if settings.palette_only else None,
                    task_integers(pairs) if settings.task_integers else None)
        inputs = [i for i, _ in pairs]
        outputs_key = tuple(value_key(o) for _, o in pairs)
        start_traces = [{"I": grid} for grid in inputs]
        frontier = [_Partial([], start_traces, {"I": "Grid"}, 0.0, {tuple(value_key(g) for g in inputs)})]
        finished: dict[str, float] = {}
        grown_all: list[_Partial] = []  # every distinct partial program, for completion
        near_repairs = _Repairs.for_task(self, pairs, tests, settings)
        decode_deadline = None if deadline is None else deadline - settings.completion_seconds
        for _ in range(settings.max_lines):
            if not frontier or (decode_deadline is not None and time.monotonic() >= decode_deadline):
                break
            sources, grammars, bias = self._next_line_inputs(frontier, pairs, tests, literals, settings)
            max_time = None if deadline is None else deadline - time.monotonic()
            # every line gets step_width × step_beams proposals in all: a short frontier (the first line) gets wider beams
            beams = min(MAX_STEP_BEAMS, max(settings.step_beams, settings.step_width * settings.step_beams // len(frontier)))
            heads = min(settings.step_heads if not frontier[0].lines else settings.step_heads_later, beams // 2)
            if heads >= 2 and not settings.sample:
                groups = self._generate_from_heads(sources, grammars, beams, heads, settings, max_time, seed, bias)
            else:
                groups = self._generate(sources, grammars, beams, settings, max_time, seed, bias)
            grown: dict[tuple, _Partial] = {}
            for partial, group in zip(frontier, groups):
                for words, score in group:
                    if "</s>" not in words or (deadline is not None and time.monotonic() >= deadline):
                        continue
                    line = tokens_to_program(words)
                    total = partial.score + score
                    if line.startswith("O"):
                        program = "\n".join(partial.lines + [line])
                        finished[program] = max(finished.get(program, -1e9), total)
                        continue
                    child = self._extend(partial, line, inputs, total)
                    if child is None:
                        continue
                    target = child.lines[-1].split(" ", 1)[0]
                    key = tuple(value_key(t[target]) for t in child.traces)
                    if child.types.get(target) == "Grid" and (key == outputs_key or near_repairs.active and all(
                            t[target].shape == o.shape for t, (_, o) in zip(child.traces, pairs))):
                        program = "\n".join(child.lines + [f"O = {target}"])
                        if key != outputs_key:  # a grid of the outputs' shapes: maybe only a constant is wrong
                            fixed = near_repairs.attempt(compile_program(program), pairs, deadline)
                            program = None if fixed is None else print_program(fixed)
                        if program is not None:
                            finished[program] = max(finished.get(program, -1e9), total)
                            continue
                    if key not in grown or grown[key].score < total:
                        grown[key] = child
            grown_all.extend(grown.values())
            frontier = keep_best(grown.values(), settings.step_width, settings.step_skeleton_cap,
                                 lambda p: p.score + settings.step_closeness * closeness_gain(p, pairs)
                                 if settings.step_closeness else p.score)
        partials = [(p.lines, p.score) for p in grown_all]
        if made is not None:
            made.extend(partials)
        seconds = settings.completion_seconds if deadline is None else deadline - time.monotonic()
        if settings.completion_seconds > 0 and partials and seconds > 0:
            for program, score in complete(partials, pairs, tests, self.search_prior(pairs), seconds,
                                           settings.completion_bits):
                finished[program] = max(finished.get(program, -1e9), score)
        best: dict[str, float] = {}
        for program, score in finished.items():
            text = canonical_text(program)
            best[text] = max(best.get(text, -1e9), score)
        # finished programs are checked a little past the deadline, never indefinitely; repairs stop at it
        late = None if deadline is None else deadline + STEP_LIMITS.seconds
        return self._checked(sorted(best.items(), key=lambda g: -g[1]), pairs, tests, settings, late, deadline,
                             near_repairs.recoloured)

    def _next_line_inputs(self, partials: Sequence[_Partial], pairs, tests, literals, settings: DecodeSettings):
        """(sources, grammars, guide bias) for proposing each partial program's next line; `literals` is the
        task's (colours, integers), None where unlimited."""
        colours, integers = literals
        views = [step_view(p.lines, p.traces, p.types) for p in partials]
        sources = [encode_task(pairs, tests, v, self.max_source) for v in views]
        grammars = [
            ProgramGrammar(self.vocab, scope={k: v for k, v in p.types.items() if k != "O"}, single_line=True,
                           max_lines=settings.max_lines, max_nesting=1, colours=colours,
                           integers=integers)
            for p in partials
        ]
        remaining = [[(grid_in if now is None else now, grid_out) for now, (grid_in, grid_out) in
                      zip(view.current_grids, pairs)] for view in views]  # latest grid → output, per pair
        return sources, grammars, self.guide_bias(remaining, settings.step_guide_strength, settings.step_guide_limit)

    def _extend(self, partial: _Partial, line: str, inputs, score: float) -> _Partial | None:
        """The partial program with `line` added and run on every demo input; None if it fails or repeats a value."""
        lines = partial.lines + [line]
        try:
            traces, types = trace_prefix(lines, inputs)
        except DSLError:
            return None
        target = line.split(" ", 1)[0]
        if not all(target in t for t in traces):  # not one whole assignment (a cut-off or empty decode)
            return None
        key = tuple(value_key(t[target]) for t in traces)
        if key in partial.seen:
            return None
        return _Partial(lines, traces, types, score, partial.seen | {key})


@dataclass
class _Repairs:
    """One task's repair budget (`DecodeSettings.repair_programs`) with what each repair needs."""

    left: int
    settings: DecodeSettings
    constants: object = None  # search.constants.Proposals
    preference: dict[str, float] | None = None
    recoloured: set[str] = field(default_factory=set)  # texts of the programs `recolored` finished

    @classmethod
    def for_task(cls, decoder: "ProgramDecoder", pairs, tests, settings: DecodeSettings) -> "_Repairs":
        if settings.repair_variants <= 0 or settings.repair_programs <= 0:
            return cls(0, settings)  # a recolouring (`attempt`) needs no constants
        return cls(settings.repair_programs, settings, task_constants(pairs, tests), decoder.preference(pairs))

    @property
    def active(self) -> bool:
        return self.left > 0 or self.settings.repair_recolor

    def attempt(self, program: Program, pairs, deadline: float | None, known: Sequence = ()) -> Program | None:
        """`program` recoloured to fit every demo (free), else a variant that reproduces every demo, spending one unit
        of budget (repair.py); or None. `known`: its outputs on the first demos (`demo_outputs`), if computed."""
        if self.settings.repair_recolor:
            fitted = recolored(program, pairs, STEP_LIMITS, deadline, known)
            if fitted is not None:
                text = print_program(fitted)
                self.recoloured.update((text, canonical_text(text)))
                return fitted
        if self.left <= 0 or not program_slots(program, self.settings.repair_calls):
            return None
        self.left -= 1
        return repair(program, pairs, self.constants, self.settings.repair_variants, STEP_LIMITS, deadline,
                      self.preference, self.settings.repair_calls)


def palette(pairs, tests) -> tuple[str, ...]:
    """The colours (as tokens) that appear in a task's demo grids or test inputs, in order."""
    seen: set[int] = set()
    for grid in [g for pair in pairs for g in pair] + list(tests):
        seen.update(np.unique(grid).tolist())
    return tuple(str(c) for c in sorted(seen) if 0 <= c <= 9)


def task_integers(pairs) -> tuple[str, ...]:
    """The Int literals (as tokens) worth writing for a task: the small integers the synthetic generator draws
    them from and the task's size constants (search/constants.py)."""
    from arc_kernel.search.constants import size_constants
    from arc_kernel.synthesis.sampler import INT_CHOICES

    values = set(INT_CHOICES) | set(size_constants([i for i, _ in pairs], [o for _, o in pairs]))
    return tuple(str(v) for v in sorted(values) if abs(v) <= MAX_LITERAL)


def skeleton(line: str) -> str:
    """A line with its literal numbers and colour maps blanked: lines that differ only in constants share it."""
    return _NUMBER.sub("_", _COLOUR_MAP.sub("_", line))


_COLOUR_MAP = re.compile(r"\{[^}]*\}")
_NUMBER = re.compile(r"(?<![A-Za-z_0-9])-?[0-9]+")


def closeness(grid: np.ndarray, output: np.ndarray) -> float:
    """The share of `output`'s cells that `grid` already has right (0 when the shapes differ)."""
    return float(np.mean(grid == output)) if grid.shape == output.shape else 0.0


def closeness_gain(partial: _Partial, pairs) -> float:
    """How much closer, averaged over the demos, the partial program's latest grid is to the output than the input is
    (never below 0: a line that moves away may still be the way there)."""
    view = step_view(partial.lines, partial.traces, partial.types)
    gains = [closeness(now, o) - closeness(i, o) for now, (i, o) in zip(view.current_grids, pairs) if now is not None]
    return max(0.0, sum(gains) / len(pairs)) if gains else 0.0


def keep_best(partials, width: int, per_skeleton: int, score=lambda p: p.score) -> list[_Partial]:
    """The `width` best partial programs by `score`, at most `per_skeleton` whose lines share a skeleton (0: no cap)."""
    kept: list[_Partial] = []
    counts: dict[tuple[str, ...], int] = {}
    for partial in sorted(partials, key=lambda p: -score(p)):
        shape = tuple(skeleton(line) for line in partial.lines)
        if per_skeleton and counts.get(shape, 0) >= per_skeleton:
            continue
        counts[shape] = counts.get(shape, 0) + 1
        kept.append(partial)
        if len(kept) == width:
            break
    return kept


def _beam_cache(cross: list[tuple], beams: int):
    """A decoder cache for beam search from sources whose cross-attention keys and values (`_cross_attention`, one
    row per source) are computed once, not once per beam, and stay in place when beams are reordered: every beam of
    a source attends to the same encoder states and beams never move between sources, so transformers' default
    (projecting and reordering them per beam) computes and copies equal rows, most of a 512-beam search's time.
    None where transformers has no cache objects."""
    try:
        from transformers.cache_utils import DynamicCache, EncoderDecoderCache
    except ImportError:  # a transformers without cache objects: its own caching, slower
        return None

    class BeamCache(EncoderDecoderCache):
        def reorder_cache(self, beam_idx):
            self.self_attention_cache.reorder_cache(beam_idx)

    cache = BeamCache(DynamicCache(), DynamicCache())
    for layer, (keys, values) in enumerate(cross):
        if keys.shape[0] == 1:
            keys, values = keys.expand(beams, -1, -1, -1), values.expand(beams, -1, -1, -1)
        else:
            keys, values = keys.repeat_interleave(beams, dim=0), values.repeat_interleave(beams, dim=0)
        cache.cross_attention_cache.update(keys, values, layer)
        cache.is_updated[layer] = True
    return cache


class GrammarMask:
    """A transformers logits processor that leaves each sequence only the tokens its source's grammar allows after
    its prefix: prefixes read off the device once per step and one mask sent back (transformers' own
    `prefix_allowed_tokens_fn` reads and writes once per sequence, a device round trip each on a GPU). Sequences
    are grouped by source, as generate expands them; a source none of whose sequences has an allowed token left
    above -inf gets the bare mask, so the grammar still holds."""

    def __init__(self, grammars: Sequence[ProgramGrammar]):
        self.grammars = grammars

    def __call__(self, input_ids, scores):
        import torch

        rows = scores.shape[0]
        per_source = rows // len(self.grammars)
        mask = np.full(scores.shape, -np.inf, dtype=np.float32)
        for row, prefix in enumerate(input_ids[:, 1:].tolist()):  # after the decoder's start token
            mask[row, self.grammars[row // per_source].allowed_ids(prefix)] = 0.0
        mask = torch.from_numpy(mask).to(device=scores.device, dtype=scores.dtype)
        masked = scores + mask
        stuck = masked.amax(dim=-1).isneginf().view(len(self.grammars), -1).all(dim=-1, keepdim=True)
        return torch.where(stuck.repeat_interleave(per_source, dim=0), mask, masked)


class PrimitiveBias:
    """A transformers logits processor adding one bias row per source to every beam or sample drawn from it."""

    def __init__(self, bias):
        self.bias = bias

    def __call__(self, input_ids, scores):
        repeat = scores.shape[0] // self.bias.shape[0]
        return scores + self.bias.repeat_interleave(repeat, dim=0).to(scores.dtype)


def canonical_text(program: str) -> str:
    """The data engine's canonical text of a (flat) program, or the program itself if it has none."""
    try:
        from arc_kernel.language.syntax import print_program
        from arc_kernel.synthesis.canonical import canonical

        return print_program(canonical(compile_program(program)))
    except (ImportError, ValueError, DSLError):
        return program


def step_view_for(lines: Sequence[str], inputs: Sequence[np.ndarray]) -> StepView:
    """The step view after `lines` on `inputs` (for inspection and tests)."""
    traces, types = trace_prefix(lines, inputs)
    return step_view(lines, traces, types)


__all__ = ["DecodeSettings", "ProgramDecoder", "Proposal", "check_program", "partial_program", "step_view_for"]
