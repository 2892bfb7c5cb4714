"""The program-writing model: serialisation, tokenizer, grammar-constrained decoding, training, adapter, source."""

import json
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from arc_kernel.interpreter import compile_program, run
from arc_kernel.model import serialize
from arc_kernel.model.examples import Example, read_examples, training_pair, write_examples
from arc_kernel.model.grammar import ProgramGrammar

PROGRAMS = [
    "O = rotate_90(I)",
    "O = flip_horizontal(I)",
    "O = upscale(I, 2)",
    "O = replace_color(I, 1, 2)",
    "x1 = rotate_90(I)\nO = flip_vertical(x1)",
    "O = crop_to_object(I, largest(objects_4(I)))",
    "O = apply_color_map(I, {1: 2, 2: 1})",
]


def make_examples(count: int, seed: int = 0) -> list[Example]:
    """A tiny synthetic data set: hand-written programs run on random small grids."""
    rng = np.random.default_rng(seed)
    examples = []
    for i in range(count):
        text = PROGRAMS[i % len(PROGRAMS)]
        program = compile_program(text)
        pairs = []
        while len(pairs) < 4:
            grid = rng.integers(0, 3, size=(rng.integers(2, 6), rng.integers(2, 6))).astype(np.uint8)
            try:
                pairs.append((grid, run(program, grid)))
            except Exception:
                continue
        examples.append(Example(tuple(pairs[:3]), (pairs[3][0],), (pairs[3][1],), text, text.count("(")))
    return examples


@pytest.fixture(scope="module")
def tokenizer():
    from arc_kernel.model.tokenizer import build_tokenizer

    return build_tokenizer()


@pytest.fixture(scope="module")
def data_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("data") / "tiny.jsonl"
    write_examples(make_examples(42), path)
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory, data_file) -> Path:
    """A tiny base model trained for a few steps (with a checkpoint and a resume)."""
    from arc_kernel.model.train import TrainConfig, train

    out = tmp_path_factory.mktemp("run")
    settings = dict(data=[str(data_file)], out=str(out), size="tiny", batch_size=4, eval_every=3, eval_tasks=2,
                    save_every=3, progress=False, threads=1, lr=3e-3)
    train(TrainConfig(steps=3, **settings))
    summary = train(TrainConfig(steps=5, resume=True, **settings))
    assert summary["steps"] == 5 and summary["examples_seen"] == 20
    return out


# ---------------------------------------------------------------- serialisation and tokenizer


def test_grids_round_trip_through_run_length_tokens():
    grid = np.zeros((30, 30), dtype=np.uint8)
    grid[3:9, 4:20] = 7
    grid[12, 5] = 2
    tokens = serialize.encode_grid(grid, serialize.INPUT)
    assert len(tokens) < 60  # flat areas cost one token per row, repeated rows one token
    assert np.array_equal(serialize.decode_grid(tokens[1:]), grid)


def test_a_long_task_fits_the_token_budget_by_the_truncation_rule():
    rng = np.random.default_rng(0)
    noisy = [(rng.integers(0, 10, (30, 30)), rng.integers(0, 10, (30, 30))) for _ in range(4)]
    tokens = serialize.encode_task(noisy, [rng.integers(0, 10, (30, 30))], max_tokens=512)
    assert len(tokens) == 512 and tokens[-1] == serialize.CUT  # the first pair is always there, cut to fit
    small = [(np.zeros((3, 3), np.uint8), np.ones((3, 3), np.uint8))] + noisy
    tokens = serialize.encode_task(small, max_tokens=512)
    assert tokens.count(serialize.INPUT) == 1 and serialize.CUT not in tokens  # big pairs that do not fit are skipped


def test_every_primitive_is_one_token_and_the_tokenizer_saves_with_the_model(tokenizer, tmp_path):
    from arc_kernel.dsl import PRIMITIVES
    from arc_kernel.model.tokenizer import encode_tokens, load_tokenizer

    vocabulary = tokenizer.get_vocab()
    assert all(name in vocabulary for name in PRIMITIVES)
    assert tokenizer.pad_token_id == 0 and tokenizer.eos_token_id == 1
    text = "x1 = objects_4(I)\nO = crop_to_object(I, largest(x1))"
    ids = encode_tokens(tokenizer, serialize.program_to_tokens(text), add_eos=True)
    assert len(ids) == len(serialize.program_to_tokens(text)) + 1 and tokenizer.unk_token_id not in ids
    tokenizer.save_pretrained(str(tmp_path))
    again = load_tokenizer(tmp_path)
    assert serialize.tokens_to_program(again.convert_ids_to_tokens(ids)) == text


# ---------------------------------------------------------------- grammar


def test_the_grammar_accepts_canonical_programs_and_rejects_ill_typed_ones(tokenizer):
    grammar = ProgramGrammar(tokenizer.get_vocab())
    for text in PROGRAMS + ["O = crop_to_object(I, argmax_by(objects_4(I), size))"]:
        assert grammar.accepts(serialize.program_to_tokens(text) + [serialize.EOS]), text
    for text in ["O = objects_4(I)", "x2 = rotate_90(I)\nO = x2", "O = upscale(I, I)"]:
        assert not grammar.accepts(serialize.program_to_tokens(text) + [serialize.EOS]), text


def test_the_grammar_mask_leaves_each_sequence_exactly_the_tokens_its_sources_grammar_allows(tokenizer):
    import torch

    from arc_kernel.model.decode import GrammarMask

    vocab = tokenizer.get_vocab()
    grammars = [ProgramGrammar(vocab), ProgramGrammar(vocab, colours=("2",))]
    start, prefix = tokenizer.pad_token_id, [vocab[w] for w in ["O", "=", "replace_color", "(", "I", ","]]
    masked = GrammarMask(grammars)(torch.tensor([[start]] * 4), torch.zeros(4, len(vocab)))  # two rows per source
    assert torch.isfinite(masked[0]).nonzero().flatten().tolist() == sorted(grammars[0].allowed_ids([]))
    masked = GrammarMask(grammars)(torch.tensor([[start, *prefix]] * 4), torch.zeros(4, len(vocab)))
    colours = [vocab[str(c)] for c in range(10)]
    for row, allowed_colours in ((0, colours), (1, colours), (2, [vocab["2"]]), (3, [vocab["2"]])):
        finite = set(torch.isfinite(masked[row]).nonzero().flatten().tolist())
        assert finite == set(grammars[row // 2].allowed_ids(prefix))
        assert sorted(finite & set(colours)) == sorted(allowed_colours)  # the palette's only colour in rows 2, 3


def test_every_prefix_the_grammar_allows_completes_to_a_program_that_type_checks(tokenizer):
    grammar = ProgramGrammar(tokenizer.get_vocab())
    words = {i: w for w, i in tokenizer.get_vocab().items()}
    rng = random.Random(0)
    finished = 0
    for _ in range(150):
        ids: list[int] = []
        while len(ids) < 200 and (not ids or words[ids[-1]] != serialize.EOS):
            ids.append(rng.choice(grammar.allowed_ids(ids)))
        if words[ids[-1]] == serialize.EOS:
            compile_program(serialize.tokens_to_program([words[i] for i in ids]))  # raises if not
            finished += 1
    assert finished > 100


def test_the_step_grammar_writes_one_flat_line_over_the_variables_in_scope(tokenizer):
    grammar = ProgramGrammar(tokenizer.get_vocab(), scope={"I": "Grid", "x1": "Objects"}, single_line=True, max_nesting=1)
    ok = serialize.program_to_tokens("x2 = largest(x1)") + [serialize.EOS]
    nested = serialize.program_to_tokens("x2 = largest(objects_4(I))") + [serialize.EOS]
    assert grammar.accepts(ok) and not grammar.accepts(nested)


def test_the_grammar_lists_every_completion_of_a_line_start_or_says_there_are_too_many(tokenizer):
    grammar = ProgramGrammar(tokenizer.get_vocab(), single_line=True, max_nesting=1, colours=("0", "3", "5"))
    ids = tokenizer.convert_tokens_to_ids
    lines = grammar.completions(ids(["O", "=", "replace_color"]), 100)
    texts = {serialize.tokens_to_program(tokenizer.convert_ids_to_tokens(line)) for line in lines}
    assert texts == {f"O = replace_color(I, {a}, {b})" for a in "035" for b in "035"}
    assert all(grammar.accepts(tokenizer.convert_ids_to_tokens(line)) for line in lines)
    assert grammar.completions(ids(["O", "=", "replace_color"]), 8) is None
    assert grammar.completions(ids(["O", "=", "rotate_90"]), 1) == [ids(["O", "=", "rotate_90", "(", "I", ")", "</s>"])]


def test_colour_literals_can_be_limited_to_the_task_palette(tokenizer):
    from arc_kernel.model.decode import palette

    grid_in, grid_out = np.array([[0, 3], [3, 3]]), np.array([[0, 5], [5, 5]])
    colours = palette([(grid_in, grid_out)], [np.array([[7]])])
    assert colours == ("0", "3", "5", "7")
    grammar = ProgramGrammar(tokenizer.get_vocab(), colours=colours)
    accepts = lambda text: grammar.accepts(serialize.program_to_tokens(text) + [serialize.EOS])  # noqa: E731
    assert accepts("O = replace_color(I, 3, 5)") and accepts("O = apply_color_map(I, {3: 5, 0: 7})")
    assert not accepts("O = replace_color(I, 3, 4)") and not accepts("O = apply_color_map(I, {3: 9})")
    assert accepts("O = crop(I, 0, 0, 9, 9)")  # integers that are not colours are not limited


def test_integer_literals_can_be_limited_to_small_ones_and_the_task_size_constants(tokenizer):
    from arc_kernel.model.decode import task_integers

    pairs = [(np.zeros((3, 5), int), np.zeros((12, 5), int)), (np.zeros((4, 2), int), np.zeros((12, 2), int))]
    integers = task_integers(pairs)
    assert "12" in integers and "-3" in integers and "6" in integers  # a fixed output height; small integers
    assert "7" not in integers and "-30" not in integers
    grammar = ProgramGrammar(tokenizer.get_vocab(), integers=integers)
    accepts = lambda text: grammar.accepts(serialize.program_to_tokens(text) + [serialize.EOS])  # noqa: E731
    assert accepts("O = crop(I, 0, 0, 12, 2)") and not accepts("O = crop(I, 0, 0, 7, 2)")


# ---------------------------------------------------------------- training, decoding, adapter


def test_training_examples_cover_whole_programs_and_next_lines(data_file):
    examples = read_examples([str(data_file)])
    rng = random.Random(0)
    sources = [training_pair(examples[4], rng, 0.5, 256) for _ in range(20)]
    assert {s[0][0] for s in sources} == {serialize.WHOLE, serialize.STEP}
    steps = [t for s, t in sources if s[0] == serialize.STEP]
    assert all(t[-1] == serialize.EOS and serialize.NEWLINE not in t for t in steps)


def test_the_corpus_holds_each_whole_program_and_one_next_line_per_flat_line(data_file, tokenizer):
    from arc_kernel.model.corpus import build_corpus, token_pairs
    from arc_kernel.model.examples import flat_lines

    examples = read_examples([str(data_file)], limit=7)  # one of each program in PROGRAMS
    corpus = build_corpus(examples, tokenizer, 256, exclude_programs={"O = rotate_90(I)"}, progress=False)
    assert corpus.dropped_heldout == 1 and len(corpus.whole) == 6
    assert len(corpus.steps) == sum(len(flat_lines(e.program)) for e in examples[1:])
    whole, steps = token_pairs(examples[5], 256)  # O = crop_to_object(I, largest(objects_4(I))): three flat lines
    assert whole[0][0] == serialize.WHOLE and [s[0] for s, _ in steps] == [serialize.STEP] * 3
    assert [serialize.tokens_to_program(t) for _, t in steps] == flat_lines(examples[5].program)


def test_training_excludes_held_out_tasks_by_meaning_not_only_by_text(data_file, tokenizer):
    from arc_kernel.model.corpus import build_corpus
    from arc_kernel.synthesis.dedupe import signature
    from arc_kernel.synthesis.relabel import build_task

    example = read_examples([str(data_file)], limit=1)[0]  # O = rotate_90(I)
    grids = [i for i, _ in example.pairs] + list(example.test_inputs)
    task = build_task(grids, [run(compile_program("O = rotate_90(I)"), g) for g in grids], "t")
    same_meaning = signature(compile_program("x1 = rotate_180(I)\nO = rotate_270(x1)"), task)
    corpus = build_corpus([example], tokenizer, 256, exclude_signatures={same_meaning}, progress=False)
    assert corpus.dropped_heldout == 1 and not corpus.whole


def test_batches_depend_only_on_seed_and_step_and_pad_to_their_longest_member(data_file, tokenizer):
    import torch

    from arc_kernel.model.corpus import batch_for_step, build_corpus, collate

    corpus = build_corpus(read_examples([str(data_file)]), tokenizer, 256, progress=False)
    first, again = batch_for_step(corpus, 0, 17, 4, 0.5), batch_for_step(corpus, 0, 17, 4, 0.5)
    assert all(np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1]) for a, b in zip(first, again))
    inputs = collate(torch, first, tokenizer.pad_token_id, "cpu")
    assert inputs["input_ids"].shape == (4, max(len(s) for s, _ in first))
    assert int(inputs["attention_mask"].sum()) == sum(len(s) for s, _ in first)


def test_a_trained_model_decodes_distinct_checked_programs(trained, data_file):
    from arc_kernel.model.decode import DecodeSettings, ProgramDecoder
    from arc_kernel.model.network import load_model

    assert (trained / "final" / "tokenizer.json").is_file() and (trained / "checkpoint" / "progress.json").is_file()
    assert json.loads((trained / "log.jsonl").read_text().splitlines()[-1])["step"] == 5
    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    examples = read_examples([str(data_file)], limit=2)
    for mode in (DecodeSettings(beams=4), DecodeSettings(beams=4, sample=True)):
        for proposals in decoder.whole(examples, mode):
            texts = [p.program for p in proposals]
            assert len(set(texts)) == len(texts)
            for p in proposals:
                compile_program(p.program)
                assert 0 <= p.train_correct <= p.train_total == 3
    for p in decoder.step_by_step(examples[1], DecodeSettings(step_width=2, step_beams=2, max_lines=3)):
        compile_program(p.program)


def test_whole_decoding_through_views_adds_programs_mapped_back_to_the_task_as_given(trained, data_file):
    from arc_kernel.model.decode import DecodeSettings, ProgramDecoder
    from arc_kernel.model.network import load_model

    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    example = read_examples([str(data_file)], limit=1)[0]
    plain = {p.program for p in decoder.whole([example], DecodeSettings(beams=4))[0]}
    viewed = decoder.whole([example], DecodeSettings(beams=4, views=3))[0]
    texts = {p.program for p in viewed}
    assert len(texts) == len(viewed) and plain <= texts
    mapped = texts - plain
    assert mapped and all(t.startswith(("x1 = transpose(I)", "x1 = flip_vertical(I)")) for t in mapped)
    assert all(compile_program(t) and p.train_total == 3 for p in viewed for t in [p.program])
    narrow = decoder.whole([example], DecodeSettings(beams=4, views=3, view_beams=1))[0]
    assert 0 < len({p.program for p in narrow} - plain) <= 2  # one beam for each of the two views past the first
    recoloured = decoder.whole([example], DecodeSettings(beams=4, colour_views=2, view_beams=2))[0]
    added = {p.program for p in recoloured} - plain
    assert added and all(t.startswith("x1 = apply_color_map(I, {") for t in added)


def test_beam_search_with_cross_attention_computed_once_per_source_matches_transformers_own_cache(
        trained, data_file, monkeypatch):
    from arc_kernel.model import decode
    from arc_kernel.model.decode import DecodeSettings, ProgramDecoder
    from arc_kernel.model.network import load_model

    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    examples = read_examples([str(data_file)], limit=2)
    whole, step = DecodeSettings(beams=6), DecodeSettings(step_width=2, step_beams=3, max_lines=3)

    def decoded():
        lists = [*decoder.whole(examples, whole), decoder.step_by_step(examples[1], step)]
        return [[(p.program, round(p.score, 4)) for p in proposals] for proposals in lists]

    shared = decoded()
    monkeypatch.setattr(decode, "_beam_cache", lambda cross, beams: None)  # transformers' default cache
    assert decoded() == shared and all(shared)


def test_program_scores_give_the_decoders_log_probability_of_any_program_text(trained, data_file):
    from arc_kernel.model.decode import ProgramDecoder
    from arc_kernel.model.network import load_model

    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    example = read_examples([str(data_file)], limit=1)[0]
    nested, split, unknown = decoder.program_scores(
        example, ["O = flip_horizontal(rotate_90(I))", "x1 = rotate_90(I)\nO = flip_horizontal(x1)", "O = no_such_name(I)"])
    assert nested < 0 and split == pytest.approx(nested)  # scored in the canonical form, however it is written
    assert unknown == float("-inf")


def test_the_guide_steers_whole_and_step_decoding_towards_the_primitives_it_expects(trained, data_file):
    from arc_kernel.model.decode import DecodeSettings, ProgramDecoder
    from arc_kernel.model.network import load_model
    from arc_kernel.search.features import feature_names
    from arc_kernel.search.guide import Guide

    names = ("rotate_90", "flip_horizontal", "crop_to_content")
    width = len(feature_names())
    sure_of_rotation = Guide(  # ignores the task: rotate_90 is certain, the other two are ruled out
        np.zeros(width), np.ones(width), np.zeros((width, 1)), np.zeros(1), np.zeros((1, 3)),
        np.array([20.0, -20.0, -20.0]), names, np.full(3, 0.05), feature_names())
    model, tokenizer, config = load_model(trained / "final")
    examples = read_examples([str(data_file)], limit=2)
    guided = ProgramDecoder(model, tokenizer, config.max_source_tokens, guide=sure_of_rotation)
    strong = DecodeSettings(beams=4, guide_strength=10, guide_limit=30, step_guide_strength=10, step_guide_limit=30,
                            step_width=2, step_beams=2, max_lines=2)
    for proposals in guided.whole(examples, strong):
        assert proposals and "rotate_90" in proposals[0].program
    stepped = guided.step_by_step(examples[0], strong)
    assert stepped and "rotate_90" in stepped[0].program
    bias = guided.guide_bias([examples[0].pairs], 10, 30)
    vocab = tokenizer.get_vocab()
    assert bias[0, vocab["rotate_90"]] > 20 > -20 > bias[0, vocab["flip_horizontal"]] and bias[0, vocab["O"]] == 0
    assert guided.guide_bias([examples[0].pairs], 0, 30) is None


def test_step_lines_are_split_over_the_likeliest_distinct_line_starts(trained):
    from arc_kernel.model.decode import DecodeSettings, ProgramDecoder
    from arc_kernel.model.network import load_model
    from arc_kernel.model.serialize import encode_task

    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    example = make_examples(1)[0]
    source = encode_task(example.pairs, example.test_inputs, None, decoder.max_source)
    grammar = ProgramGrammar(tokenizer.get_vocab(), single_line=True, max_nesting=1)
    heads = decoder.line_heads([source], [grammar], None, 5)[0]
    words = [[decoder.words[i] for i in prefix] for prefix, _ in heads]
    assert len(heads) == 5 and len({tuple(w) for w in words}) == 5
    assert all(w[0] in ("O", "x1") and w[1] == "=" and w[2] in grammar.primitives for w in words)
    assert [score for _, score in heads] == sorted((score for _, score in heads), reverse=True) and heads[0][1] < 0
    groups = decoder._generate_from_heads([source], [grammar], 6, 3, DecodeSettings(), None, 0)
    starts = {tuple(tokens[:3]) for tokens, _ in groups[0]}
    assert starts == {tuple(w) for w in words[:3]}  # each of the 3 best starts gets its 2 beams
    prefixes = [prefix for prefix, _ in heads[:3]]
    encoded_once = decoder._encode([source])
    reused = decoder._generate([source] * 3, [grammar] * 3, 2, DecodeSettings(), None, 0, prefixes=prefixes,
                               encoded=tuple(t[[0, 0, 0]] for t in encoded_once))
    again = decoder._generate([source] * 3, [grammar] * 3, 2, DecodeSettings(), None, 0, prefixes=prefixes)
    assert [[words for words, _ in g] for g in reused] == [[words for words, _ in g] for g in again]
    assert np.allclose([s for g in reused for _, s in g], [s for g in again for _, s in g], atol=1e-5)
    assert decoder.step_by_step(example, DecodeSettings(step_width=2, step_beams=2, max_lines=2, step_heads=2, step_heads_later=2))


def test_line_starts_with_few_completions_have_all_of_them_scored_as_beam_search_scores_them(trained):
    from arc_kernel.model.decode import DecodeSettings, ProgramDecoder
    from arc_kernel.model.network import load_model
    from arc_kernel.model.serialize import encode_task

    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    example = make_examples(1)[0]
    source = encode_task(example.pairs, example.test_inputs, None, decoder.max_source)
    grammar = ProgramGrammar(tokenizer.get_vocab(), single_line=True, max_nesting=1, colours=("0", "1", "2"))
    beamed = decoder._generate_from_heads([source], [grammar], 16, 4, DecodeSettings(step_exact=0), None, 0)[0]
    exact = decoder._generate_from_heads([source], [grammar], 16, 4, DecodeSettings(step_exact=50), None, 0)[0]
    scores = {" ".join(words): score for words, score in exact}
    best: dict[str, float] = {}  # a start with fewer completions than beams repeats its lines at lower scores
    for words, score in beamed:
        if "</s>" in words:
            line = " ".join(words[:words.index("</s>") + 1])
            best[line] = max(best.get(line, -1e9), score)
    shared = [(line, score) for line, score in best.items() if line in scores]
    assert shared and all(abs(scores[line] - score) < 1e-3 for line, score in shared)
    small = [lines for prefix, _ in decoder.line_heads([source], [grammar], None, 4)[0]
             if (lines := grammar.completions(prefix, 50)) is not None]
    assert small and all(" ".join(decoder.words[t] for t in line) in scores for lines in small for line in lines)


def test_a_cut_off_or_empty_line_does_not_extend_a_partial_program(trained):
    from arc_kernel.model.decode import ProgramDecoder, _Partial
    from arc_kernel.model.network import load_model

    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    inputs = [np.eye(3, dtype=np.uint8)]
    start = _Partial([], [{"I": inputs[0]}], {"I": "Grid"}, 0.0)
    assert decoder._extend(start, "", inputs, 0.0) is None
    assert decoder._extend(start, "x1 = rotate_90(I)", inputs, 0.0).types["x1"] == "Grid"


def test_checked_proposals_that_miss_a_demo_get_their_constants_repaired(trained):
    from arc_kernel.model.decode import DecodeSettings, ProgramDecoder
    from arc_kernel.model.network import load_model

    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    example = make_examples(4)[3]  # O = replace_color(I, 1, 2)
    ranked = [("O = replace_color(I, 1, 0)", -1.0), ("O = rotate_90(I)", -2.0)]
    repaired = decoder._checked(ranked, example.pairs, example.test_inputs, DecodeSettings(), None)
    assert [(p.program, p.verified) for p in repaired] == [("O = replace_color(I, 1, 2)", True), ("O = rotate_90(I)", False)]
    plain = decoder._checked(ranked, example.pairs, example.test_inputs, DecodeSettings(repair_variants=0), None)
    assert [(p.program, p.verified) for p in plain] == [("O = replace_color(I, 1, 0)", False), ("O = rotate_90(I)", False)]


def test_a_checked_proposal_right_up_to_a_colour_map_is_finished_with_it(trained):
    from arc_kernel.model.decode import DecodeSettings, ProgramDecoder
    from arc_kernel.model.network import load_model

    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    example = make_examples(4)[3]  # O = replace_color(I, 1, 2); no demo grid has colour 5
    ranked = [("O = replace_color(I, 1, 5)", -1.0)]
    only_recolour = DecodeSettings(repair_variants=0)
    finished = decoder._checked(ranked, example.pairs, example.test_inputs, only_recolour, None)
    assert [(p.program, p.verified) for p in finished] == [("O = apply_color_map(replace_color(I, 1, 5), {5: 2})", True)]
    plain = decoder._checked(ranked, example.pairs, example.test_inputs, DecodeSettings(repair_variants=0, repair_recolor=False), None)
    assert [(p.program, p.verified) for p in plain] == [("O = replace_color(I, 1, 5)", False)]
    # a program that reproduces the demos unaided ranks before a recoloured one, whatever their scores
    both = decoder._checked(ranked + [("O = replace_color(I, 1, 2)", -9.0)], example.pairs, example.test_inputs, only_recolour, None)
    assert [p.program for p in both] == ["O = replace_color(I, 1, 2)", "O = apply_color_map(replace_color(I, 1, 5), {5: 2})"]


def test_the_lora_adapter_trains_saves_and_loads_with_peft(trained, data_file, tmp_path):
    from peft import PeftModel

    from arc_kernel.model.network import load_base, load_model
    from arc_kernel.model.train import TrainConfig, train

    out = tmp_path / "adapter"
    summary = train(TrainConfig(data=[str(data_file)], out=str(out), stage="adapter", base=str(trained / "final"),
                                provenance=["random"], steps=2, batch_size=2, eval_every=2, eval_tasks=1,
                                progress=False, threads=1))
    assert summary["trainable_parameters"] < summary["parameters"]
    assert (out / "final" / "adapter_config.json").is_file()
    base, _, _ = load_base(trained / "final")
    assert isinstance(PeftModel.from_pretrained(base, str(out / "final")), PeftModel)
    merged, _, _ = load_model(trained / "final", out / "final")
    assert not isinstance(merged, PeftModel)


def test_weights_saved_as_float16_load_back_as_float32_with_the_same_values(trained, tmp_path):
    import torch

    from arc_kernel.model.network import load_base, save_model

    model, tokenizer, config = load_base(trained / "final")
    save_model(model, tokenizer, config, tmp_path / "half", half=True)
    assert (tmp_path / "half" / "model.safetensors").stat().st_size < (trained / "final" / "model.safetensors").stat().st_size * 0.6
    again, _, _ = load_base(tmp_path / "half")
    original, reloaded = next(model.parameters()), next(again.parameters())
    assert reloaded.dtype == torch.float32 and next(model.parameters()).dtype == torch.float32
    assert torch.allclose(original, reloaded, rtol=1e-3, atol=1e-4)  # float16 keeps 11 significant bits


def test_shards_may_be_gzipped(data_file, tmp_path):
    import gzip

    packed = tmp_path / "tiny.jsonl.gz"
    packed.write_bytes(gzip.compress(data_file.read_bytes()))
    assert [e.program for e in read_examples([str(packed)])] == [e.program for e in read_examples([str(data_file)])]


def test_the_learning_rate_warms_up_then_decays_by_steps_or_by_time_whichever_is_further():
    from arc_kernel.model.train import learning_rate_factor

    assert learning_rate_factor(0, 100, 10, 0.0, None) == pytest.approx(0.1)
    assert learning_rate_factor(10, 100, 10, 0.0, None) == pytest.approx(1.0)
    assert learning_rate_factor(55, 100, 10, 0.0, None) == pytest.approx(0.5)
    assert learning_rate_factor(55, 100, 10, 90.0, 100.0) == pytest.approx(0.5 * (1 + np.cos(np.pi * 0.9)))
    assert learning_rate_factor(20, 100, 10, 500.0, 100.0) == 0.0


def test_model_sizes_are_named_presets():
    from arc_kernel.model.network import ModelConfig

    assert ModelConfig.named("default") == ModelConfig()
    assert ModelConfig.named("large").max_source_tokens == 1024
    assert ModelConfig.named("medium").max_source_tokens == 384
    with pytest.raises(ValueError, match="unknown model size"):
        ModelConfig.named("huge")


def test_four_bit_loading_is_skipped_on_cpu_with_a_message(caplog):
    import torch

    from arc_kernel.model.network import quantization_config

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with caplog.at_level("WARNING"):
        assert quantization_config(True) is None
    assert "4-bit" in caplog.text


# ---------------------------------------------------------------- in solve


def test_missing_weights_leave_a_silent_source_and_a_warning(tmp_path):
    from arc_kernel.model.source import ModelSource, ModelSourceSettings

    with pytest.warns(RuntimeWarning, match="search only"):
        source = ModelSource(settings=ModelSourceSettings(weights=str(tmp_path)))
    assert list(source.propose(make_examples(1)[0], deadline=1e18, seed=0)) == []


def test_the_search_takes_seeds_from_a_working_model_source_unless_told_not_to(tmp_path, monkeypatch):
    from arc_kernel.search import SearchSource
    from arc_kernel.solve import SolveConfig, build_sources

    monkeypatch.setenv("ARC_KERNEL_WEIGHTS", str(tmp_path))  # no weights: the model source stays silent
    with pytest.warns(RuntimeWarning):
        model, search = build_sources(SolveConfig())
    assert isinstance(search, SearchSource) and model.decoder is None and search.seeds is None
    loaded = lambda self, config=None: setattr(self, "decoder", object())  # as if weights had loaded
    monkeypatch.setattr("arc_kernel.model.source.ModelSource.__init__", loaded)
    assert build_sources(SolveConfig())[1].seeds is not None
    assert build_sources(SolveConfig(model_seeds=False))[1].seeds is None


def test_the_model_source_decodes_ever_wider_until_its_caps(tmp_path):
    from arc_kernel.model.source import ModelSource, ModelSourceSettings
    from arc_kernel.solve import SolveConfig

    with pytest.warns(RuntimeWarning):
        alone = ModelSource(SolveConfig(use_search=False), ModelSourceSettings(weights=str(tmp_path), beams=8))
        beside_search = ModelSource(SolveConfig(), ModelSourceSettings(weights=str(tmp_path), beams=8))
        once = ModelSource(SolveConfig(model_widening=False), ModelSourceSettings(weights=str(tmp_path)))
    sizes = [(s.beams, s.step_width, s.step_beams) for s in alone.rounds()]
    assert sizes == [(8, 4, 4), (16, 8, 8), (32, 16, 8), (64, 32, 8), (128, 32, 8), (256, 32, 8), (512, 32, 8),
                     (1024, 32, 8), (2048, 32, 8)]
    assert [(s.beams, s.step_width, s.step_beams) for s in beside_search.rounds()] == sizes
    assert [s.beams for s in once.rounds()] == [8]
    assert [(s.views, s.view_beams) for s in alone.rounds()][-2:] == [(1, 512), (8, 512)]  # views at the caps only
    assert [s.views for s in once.rounds()] == [1]
    assert alone.settings.time_share == 1.0 and not alone.settings.stop_when_found
    assert beside_search.settings.time_share < 1.0 and beside_search.settings.stop_when_found


class _CountingDecoder:
    """Stands in for ProgramDecoder: proposes `found` (verified) from the given round on, counting rounds."""

    def __init__(self, first_found_round: int):
        self.rounds, self.first_found_round = 0, first_found_round

    def whole(self, tasks, settings, max_time=None, seed=0):
        from arc_kernel.model.decode import Proposal

        self.rounds += 1
        found = self.rounds > self.first_found_round
        return [[Proposal("O = rotate_90(I)", -1.0, 1 if found else 0, 1, (np.zeros((2, 2), dtype=np.uint8),))]]

    def step_by_step(self, task, settings, deadline=None, seed=0, made=None):
        return []


def test_beside_search_the_model_stops_widening_once_it_proposed_a_verified_program(tmp_path):
    import time

    from arc_kernel.model.source import ModelSource, ModelSourceSettings
    from arc_kernel.solve import SolveConfig
    from arc_kernel.task import Pair, Task

    grid = np.zeros((2, 2), dtype=np.uint8)
    task = Task("t", (Pair(grid, grid),), (grid,))
    with pytest.warns(RuntimeWarning):
        beside_search = ModelSource(SolveConfig(), ModelSourceSettings(weights=str(tmp_path), time_share=1.0))
        alone = ModelSource(SolveConfig(use_search=False), ModelSourceSettings(weights=str(tmp_path)))
    beside_search.decoder, alone.decoder = _CountingDecoder(2), _CountingDecoder(2)
    assert len(list(beside_search.propose(task, time.monotonic() + 60, 0))) == 1
    assert beside_search.decoder.rounds == 3  # two empty rounds, the one that found it, no more
    assert len(list(alone.propose(task, time.monotonic() + 60, 0))) == 1  # the same program is not proposed twice
    assert alone.decoder.rounds == len(list(alone.rounds()))  # alone, it widens to its caps


def test_the_model_source_proposes_verified_candidates(trained, tmp_path):
    import shutil

    from arc_kernel.model.source import ModelSource, ModelSourceSettings
    from arc_kernel.task import Pair, Task

    shutil.copytree(trained / "final", tmp_path / "model")
    source = ModelSource(settings=ModelSourceSettings(weights=str(tmp_path), beams=2, step_width=1, step_beams=2))
    assert source.decoder is not None
    example = make_examples(1)[0]
    task = Task("t", tuple(Pair(i, o) for i, o in example.pairs), example.test_inputs)
    import time

    for candidate in source.propose(task, time.monotonic() + 20, 0):
        assert candidate.source == "model" and candidate.verified


def test_the_partial_programs_decoded_for_a_task_seed_the_search_on_that_task(tmp_path):
    import time

    from arc_kernel.model.source import ModelSource, ModelSourceSettings
    from arc_kernel.search.derivation import expression_program
    from arc_kernel.task import Pair, Task

    class Decoder:  # stands in for a trained model: no whole programs, two partial programs step by step
        def whole(self, tasks, settings, max_time=None, seed=0):
            return [[]]

        def step_by_step(self, task, settings, deadline=None, seed=0, made=None):
            made.extend([(["x1 = rotate_90(I)"], -0.5), (["x1 = objects_4(I)", "x2 = largest(x1)"], -3.0)])
            return []

    with pytest.warns(RuntimeWarning):
        source = ModelSource(settings=ModelSourceSettings(weights=str(tmp_path)))
    source.decoder = Decoder()
    example = make_examples(1)[0]
    task = Task("t", tuple(Pair(i, o) for i, o in example.pairs), example.test_inputs)
    assert list(source.propose(task, time.monotonic() + 5, 0)) == []
    seeds = source.seeds_for(task)
    assert sorted(n.type for n in seeds) == ["Grid", "Object", "Objects"]
    assert source.seeds_for(Task("other", task.train, task.test_inputs)) == []
    turned = next(n for n in seeds if n.type == "Grid")
    grids = [p.input for p in task.train] + list(task.test_inputs)
    assert all(np.array_equal(run(expression_program(turned.constant), g), v) for g, v in zip(grids, turned.values))


def test_solving_without_the_model_does_not_import_torch():
    code = ("import sys\nfrom arc_kernel.solve import SolveConfig, build_sources\n"
            "build_sources(SolveConfig(use_model=False, use_search=False))\nimport arc_kernel.model\n"
            "print('torch' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_the_evaluation_ends_with_one_summary_line():
    from arc_kernel.model.evaluate import summary_line

    table = {"whole": {d: {"success@8": 10.0 * d} for d in range(1, 7)},
             "step": {d: {"success@8": 5.0} for d in range(1, 7)}}
    assert summary_line(table, 8) == "model: depth1 10%, depth2 20%, depth3 30%, depth4 40%, depth5 50%, depth6 60% at k=8"


def test_whole_and_step_proposals_rank_together_those_that_reproduce_the_demos_first():
    from arc_kernel.model.decode import Proposal
    from arc_kernel.model.evaluate import union

    whole = [Proposal("O = rotate_90(I)", -1.0, 3, 3, ()), Proposal("O = flip_vertical(I)", -2.0, 1, 3, ())]
    step = [Proposal("O = transpose(I)", -1.5, 3, 3, ()), Proposal("O = rotate_90(I)", -0.5, 3, 3, ())]
    assert [p.program for p in union(whole, step)] == ["O = rotate_90(I)", "O = transpose(I)", "O = flip_vertical(I)"]


def test_evaluation_reports_each_mode_and_both_with_every_tasks_first_solving_position(trained):
    from arc_kernel.model.decode import DecodeSettings, ProgramDecoder
    from arc_kernel.model.evaluate import evaluate
    from arc_kernel.model.network import load_model

    model, tokenizer, config = load_model(trained / "final")
    decoder = ProgramDecoder(model, tokenizer, config.max_source_tokens)
    examples = {1: make_examples(2)}
    tasks_logged = []
    table = evaluate(decoder, examples, k=2, progress=False, settings=DecodeSettings(max_new_tokens=24),
                     step_width=2, step_beams=2, on_task=tasks_logged.append)
    assert set(table) == {"whole", "step", "both"}
    for mode, rows in table.items():
        row = rows[1]
        assert row["tasks"] == 2 and len(row["positions"]) == 2
        assert row["success@1"] == 100 * sum(p == 1 for p in row["positions"]) / 2
    # one line per task and decoding mode, as it finishes, agreeing with the table
    assert sorted((t["mode"], t["index"]) for t in tasks_logged) == [("step", 0), ("step", 1), ("whole", 0), ("whole", 1)]
    for task in tasks_logged:
        assert task["depth"] == 1 and task["position"] == table[task["mode"]][1]["positions"][task["index"]]


@pytest.fixture
def rebuild(monkeypatch):
    """`model rebuild ARGS` with training replaced by a recorder: returns the TrainConfig of each stage, in order."""
    import argparse

    from arc_kernel.model import evaluate, train

    calls = []

    def fake_train(config):
        calls.append(config)
        (Path(config.out) / "final").mkdir(parents=True)
        (Path(config.out) / "final" / "weights.bin").write_text(config.out)

    monkeypatch.setattr(train, "train", fake_train)
    parser = argparse.ArgumentParser()
    evaluate.add_arguments(parser)

    def run(*argv: str) -> list:
        calls.clear()
        assert evaluate.main(parser.parse_args(["rebuild", *argv])) == 0
        return list(calls)

    return run


def test_rebuild_trains_the_base_continues_it_then_fits_the_adapter_on_it(rebuild, tmp_path):
    runs, out = tmp_path / "runs", tmp_path / "weights"
    calls = rebuild("--runs", str(runs), "--out", str(out), "--data", "a.jsonl", "--continue-data", "b.jsonl")
    assert [(Path(c.out).name, c.base and Path(c.base).parent.name, c.data) for c in calls] == [
        ("base", None, ["a.jsonl"]), ("continued", "base", ["a.jsonl", "b.jsonl"]), ("adapter", "continued", ["a.jsonl"])]
    assert (out / "model" / "weights.bin").read_text() == str(runs / "continued")
    skipped = rebuild("--runs", str(tmp_path / "r2"), "--out", str(tmp_path / "w2"), "--continue-seconds", "0")
    assert [Path(c.out).name for c in skipped] == ["base", "adapter"]


def test_the_gpu_profile_trains_the_medium_network_with_grid_positions_then_the_adapter(rebuild, tmp_path):
    runs = tmp_path / "runs"
    calls = rebuild("--profile", "gpu", "--runs", str(runs), "--out", str(tmp_path / "weights"), "--data", "a.jsonl.gz",
                    "--base-seconds", "290")
    assert [(Path(c.out).name, c.base, c.size, c.grid_positions, c.time_limit) for c in calls[:1]] == [
        ("base", None, "medium", True, 290)]
    assert [(Path(c.out).name, c.base) for c in calls[1:]] == [("adapter", str(runs / "base" / "final"))]
    trained = tmp_path / "trained-base"
    trained.mkdir()
    again = rebuild("--profile", "gpu", "--from-base", str(trained), "--runs", str(tmp_path / "r2"),
                    "--out", str(tmp_path / "w2"), "--data", "a.jsonl.gz")
    assert [(Path(c.out).name, c.base) for c in again] == [("adapter", str(trained))]


def test_training_skips_the_programs_of_excluded_records(trained, data_file, tmp_path):
    import json

    from arc_kernel.model.train import TrainConfig, train

    records = [json.loads(line) for line in data_file.read_text().splitlines()]
    tuning = tmp_path / "tune.jsonl"
    tuning.write_text("".join(json.dumps(r) + "\n" for r in records[:3]))
    skipped = sum(r["program"] in {t["program"] for t in records[:3]} for r in records)
    before = json.loads((trained / "summary.json").read_text())
    summary = train(TrainConfig(data=[str(data_file)], out=str(tmp_path / "run"), exclude=[str(tuning)], size="tiny",
                                steps=1, batch_size=4, eval_every=10, eval_tasks=1, save_every=10, progress=False,
                                threads=1))
    # some records are held out already (the frozen set's signatures), so the two groups overlap
    assert summary["dropped_heldout"] >= skipped and summary["dropped_heldout"] > before["dropped_heldout"]


def test_the_gpu_continue_profile_needs_a_trained_base_and_can_fit_the_adapter_on_other_data(rebuild, tmp_path):
    with pytest.raises(SystemExit, match="--from-base"):
        rebuild("--profile", "gpu-continue", "--runs", str(tmp_path / "r1"), "--out", str(tmp_path / "w1"),
                "--data", "big.jsonl.gz")
    calls = rebuild("--profile", "gpu-continue", "--from-base", "weights/model", "--runs", str(tmp_path / "r2"),
                    "--out", str(tmp_path / "w2"), "--data", "big.jsonl.gz", "--adapter-data", "mutate.jsonl",
                    "--exclude", "tune.jsonl")
    assert [(Path(c.out).name, c.base, c.batch_size, c.data, c.exclude) for c in calls] == [
        ("continued", "weights/model", 512, ["big.jsonl.gz"], ["tune.jsonl"]),
        ("adapter", str(tmp_path / "r2" / "continued" / "final"), 64, ["mutate.jsonl"], ["tune.jsonl"])]


def test_continuing_a_base_adds_the_primitive_names_its_vocabulary_lacks(data_file, tmp_path):
    from arc_kernel.dsl import PRIMITIVES
    from arc_kernel.model.network import ModelConfig, build_model, load_base, save_model
    from arc_kernel.model.tokenizer import build_tokenizer, extend_tokenizer
    from arc_kernel.model.train import TrainConfig, train

    names = sorted(PRIMITIVES)
    older = build_tokenizer(names[:-2])  # as if saved before the last two primitives existed
    extended, added = extend_tokenizer(older, ["rotate_90", names[-1]])
    assert added == [names[-1]] and extended.convert_tokens_to_ids(names[-1]) == len(older)
    config = ModelConfig.named("tiny")
    assert config.grid_positions  # its per-token grid tables grow with the vocabulary too
    save_model(build_model(config, older), older, config, tmp_path / "older")
    train(TrainConfig(data=[str(data_file)], out=str(tmp_path / "continued"), base=str(tmp_path / "older"), steps=2,
                      batch_size=4, eval_every=10, eval_tasks=1, save_every=10, progress=False, threads=1))
    model, tokenizer, _ = load_base(tmp_path / "continued" / "final")
    assert [tokenizer.convert_tokens_to_ids(n) for n in names[-2:]] == [len(older), len(older) + 1]
    assert tokenizer.convert_tokens_to_ids(names[:50]) == older.convert_tokens_to_ids(names[:50])
    assert model.get_input_embeddings().weight.shape[0] == len(tokenizer) == len(older) + 2


def test_completion_finishes_a_partial_program_by_searching_from_its_values():
    from arc_kernel.interpreter import compile_program, run
    from arc_kernel.model.completion import complete, seed_nodes
    from arc_kernel.search.enumeration import SearchConfig
    from arc_kernel.search.prior import Prior

    rng = np.random.default_rng(1)
    grids = [rng.integers(0, 4, (4, 5)).astype(np.uint8) for _ in range(4)]
    truth = compile_program("O = flip_horizontal(rotate_90(I))")
    pairs = [(g, run(truth, g)) for g in grids[:3]]
    likely, unlikely = seed_nodes([(["x1 = rotate_90(I)"], -0.7), (["x1 = rotate_90(I)"], -7.0)], grids, 1.0)
    assert likely.type == "Grid" and likely.cost < unlikely.cost  # a likelier partial program is a cheaper seed
    assert seed_nodes([(["x1 = crop(I, 9, 9, 1, 1)"], -1.0)], grids, 1.0) == []  # fails on the inputs: no seed
    only_flips = SearchConfig(primitives=("flip_horizontal",), shallow_share=0.0)
    found = complete([(["x1 = rotate_90(I)"], -0.7)], pairs, grids[3:], Prior(), 5.0, config=only_flips)
    assert "O = flip_horizontal(rotate_90(I))" in [program for program, _ in found]


def test_closeness_gain_rewards_partial_programs_that_move_towards_the_outputs():
    from arc_kernel.model.decode import _Partial, closeness_gain, keep_best
    from arc_kernel.model.examples import trace_prefix

    grid = np.array([[1, 0], [0, 0]], dtype=np.uint8)
    pairs = [(grid, np.array([[0, 3], [0, 0]], dtype=np.uint8))]  # a quarter turn, then 1 becomes 3

    def partial(lines: list[str], score: float) -> _Partial:
        traces, types = trace_prefix(lines, [grid])
        return _Partial(lines, traces, types, score)

    turned = partial(["x1 = rotate_90(I)"], -2.0)  # 3 of 4 cells right where the input had 2
    widened = partial(["x1 = concat_horizontal(I, I)"], -1.0)
    assert closeness_gain(turned, pairs) == 0.25 and closeness_gain(widened, pairs) == 0.0
    assert keep_best([turned, widened], 1, 0) == [widened]  # log-probability alone
    assert keep_best([turned, widened], 1, 0, lambda p: p.score + 8 * closeness_gain(p, pairs)) == [turned]

