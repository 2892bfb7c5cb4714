"""The synthetic data engine: canonical programs, sampling, inputs, relabelling, mutation, dedupe, shards."""

from __future__ import annotations

import json
import random
from collections import Counter

import numpy as np
import pytest

from arc_kernel.interpreter import compile_program, run
from arc_kernel.language.syntax import Call, Const, Var, parse, print_program
from arc_kernel.language.typecheck import check
from arc_kernel.synthesis import relabel
from arc_kernel.synthesis.canonical import call_count, canonical, depth, flat_program, flatten
from arc_kernel.synthesis.dedupe import Deduper, signature
from arc_kernel.synthesis.generate import GenerateConfig, write_dataset
from arc_kernel.synthesis.heldout import build_heldout, heldout_signatures, load_heldout
from arc_kernel.synthesis.inputs import FAMILY_WEIGHTS, sample_inputs
from arc_kernel.synthesis.mutation import MUTATIONS, mutate, try_mutant
from arc_kernel.synthesis.relabel import execute
from arc_kernel.synthesis.sampler import ProgramSampler, degenerate
from arc_kernel.task import Task
from arc_kernel.verifier import verify


def text(program_text: str) -> str:
    return print_program(canonical(parse(program_text)))


def grids(*rows_list: list[list[int]]) -> list[np.ndarray]:
    return [np.array(rows, dtype=np.uint8) for rows in rows_list]


INPUTS = grids([[1, 2], [3, 4]], [[0, 5, 5], [6, 0, 0]], [[7], [8], [9]], [[1, 0, 0], [0, 2, 0], [0, 0, 3]])


# ---------------------------------------------------------------- canonical form and depth


def test_values_used_once_are_nested_and_shared_ones_get_a_line():
    assert text("x1 = objects_4(I)\nx2 = largest(x1)\nO = crop_to_object(I, x2)") == "O = crop_to_object(I, largest(objects_4(I)))"
    shared = "x1 = objects_4(I)\nx2 = largest(x1)\nx3 = smallest(x1)\nO = paint_object(crop_to_object(I, x2), x3)"
    assert text(shared) == "x1 = objects_4(I)\nO = paint_object(crop_to_object(I, largest(x1)), smallest(x1))"


def test_canonical_drops_dead_lines_aliases_and_repeated_calls():
    assert text("x1 = rotate_90(I)\nx2 = flip_vertical(I)\nx3 = x1\nO = rotate_90(x3)") == "O = rotate_90(rotate_90(I))"
    assert text("x1 = rotate_90(I)\nx2 = rotate_90(I)\nO = paint_object(x1, largest(objects_4(x2)))") == (
        "x1 = rotate_90(I)\nO = paint_object(x1, largest(objects_4(x1)))"
    )


def test_deep_chains_are_split_at_the_nesting_limit():
    chain = "x1 = rotate_90(rotate_90(rotate_90(I)))\nO = rotate_90(rotate_90(rotate_90(x1)))"
    assert text(chain) == "x1 = rotate_90(rotate_90(I))\nO = rotate_90(rotate_90(rotate_90(rotate_90(x1))))"
    assert depth(parse(text(chain))) == 6
    shared = "x1 = rotate_180(flip_vertical(I))\nx2 = flip_vertical(rotate_90(transpose(x1)))\nO = concat_vertical(x2, x2)"
    assert text(shared) == (
        "x1 = flip_vertical(I)\nx2 = flip_vertical(rotate_90(transpose(rotate_180(x1))))\nO = concat_vertical(x2, x2)"
    )


def test_depth_counts_calls_not_function_references():
    assert depth(parse("O = rotate_90(I)")) == 1
    assert depth(parse("O = crop_to_object(I, largest(objects_4(I)))")) == 3
    assert depth(parse("O = crop_to_object(I, argmax_by(objects_4(I), size))")) == 3


def test_canonical_form_is_a_fixed_point_that_runs_the_same():
    program = parse("x1 = objects_4(I)\nx2 = largest(x1)\nx5 = rotate_90(I)\nO = crop_to_object(I, x2)")
    once = canonical(program)
    assert canonical(once) == once and parse(print_program(once)) == once
    grid = INPUTS[3]
    assert np.array_equal(run(compile_program(print_program(once)), grid), run(program, grid))


# ---------------------------------------------------------------- random programs


@pytest.mark.parametrize("wanted", [1, 2, 3, 5, 8])
def test_sampled_programs_are_well_typed_with_exactly_the_asked_depth(wanted):
    sampler, rng = ProgramSampler(), random.Random(wanted)
    for _ in range(20):
        lines = sampler.program(wanted, rng, palette=(0, 1, 2))
        program = canonical(flat_program(lines))
        check(program)  # raises on a type error
        assert len(flatten(flat_program(lines))) <= wanted == len(lines)  # merging equal calls may only shrink it
        assert call_count(program) == depth(program)


def test_sampling_is_deterministic_for_a_seed():
    sampler = ProgramSampler()
    first = [sampler.program(3, random.Random(7)) for _ in range(3)]
    again = [sampler.program(3, random.Random(7)) for _ in range(3)]
    assert first == again


def test_degenerate_programs_are_spotted():
    assert degenerate([("x1", Call("overlay", (Var("I"), Var("I"))))]) == "repeated_argument"
    assert degenerate([("x1", Call("multiply", (Const(4), Const(1)))), ("x2", Call("upscale", (Var("I"), Var("x1"))))]) == "constant_call"
    assert degenerate(flatten(parse("O = paint_object(I, largest(objects_4(I)))"))) is None


# ---------------------------------------------------------------- inputs


@pytest.mark.parametrize("family", sorted(FAMILY_WEIGHTS))
def test_every_input_family_gives_distinct_valid_grids(family):
    rng = np.random.default_rng(1)
    for _ in range(5):
        found = sample_inputs(rng, 5, family)
        assert found.family == family and 1 <= len(found.grids) <= 5
        keys = {(g.shape, g.tobytes()) for g in found.grids}
        assert len(keys) == len(found.grids)
        for grid in found.grids:
            assert grid.dtype == np.uint8 and grid.ndim == 2
            assert 1 <= min(grid.shape) and max(grid.shape) <= 30 and grid.max() <= 9
        assert (found.source_task is not None) == family.startswith("arc")


def test_input_sampling_is_deterministic_for_a_seed():
    first = sample_inputs(np.random.default_rng(3), 4)
    again = sample_inputs(np.random.default_rng(3), 4)
    assert all(np.array_equal(a, b) for a, b in zip(first.grids, again.grids))


# ---------------------------------------------------------------- hindsight relabelling


def test_relabel_makes_the_task_the_program_solves():
    task = relabel("O = rotate_90(I)", INPUTS)
    assert isinstance(task, Task) and len(task.train) == 3 and len(task.test_inputs) == 1
    assert np.array_equal(task.train[0].output, np.rot90(INPUTS[0], -1))
    assert verify("O = rotate_90(I)", task).verified


def test_relabel_refuses_bad_programs_and_trivial_tasks():
    assert relabel("O = rotate_90(", INPUTS) is None  # does not parse
    assert relabel("O = rotate_180(rotate_180(I))", INPUTS) is None  # output = input
    assert relabel("O = crop_to_object(I, largest(objects_4(I)))", grids([[0, 0], [0, 0]], [[0]], [[0, 0, 0]])) is None  # errors
    assert execute(parse("O = upscale(I, 3)"), [np.zeros((15, 15), np.uint8)] * 2).reason in ("too_large", "error:LimitError")


# ---------------------------------------------------------------- mutation


def test_mutants_type_check_and_change_the_outputs():
    program = canonical(parse("O = crop_to_object(I, largest(objects_4(I)))"))
    inputs = grids(
        [[0, 0, 0, 0], [0, 3, 3, 0], [0, 3, 0, 0], [2, 0, 0, 0]],
        [[5, 5, 0], [0, 0, 0], [0, 1, 0]],
        [[0, 0, 0, 0, 0], [0, 4, 4, 4, 0], [0, 4, 0, 4, 0], [0, 0, 0, 0, 6]],
        [[7, 0, 0], [7, 0, 8], [7, 0, 0], [0, 0, 0]],
    )
    original = execute(program, inputs).outputs
    assert original is not None
    sampler, rng, kept = ProgramSampler(), random.Random(0), []
    for _ in range(60):
        found = try_mutant(program, original, inputs, sampler, rng)
        if not isinstance(found, str):
            kept.append(found)
    assert kept, "no mutant survived 60 tries"
    for mutant in kept:
        check(mutant.program)
        assert mutant.edit in MUTATIONS
        assert any(not np.array_equal(a, b) if a.shape == b.shape else True for a, b in zip(original, mutant.outcome.outputs))


def test_each_edit_gives_a_well_typed_program():
    program = canonical(parse("O = paint_object(rotate_90(I), largest(objects_4(I)))"))
    sampler, rng = ProgramSampler(), random.Random(1)
    for edit in MUTATIONS:
        for _ in range(10):
            found = mutate(program, sampler, rng, (0, 1, 2), edit)
            if found is not None:
                check(found[0])


# ---------------------------------------------------------------- dedupe


def test_programs_that_compute_the_same_share_a_signature():
    assert signature(parse("O = rotate_90(I)")) == signature(parse("O = rotate_270(rotate_180(I))"))
    assert signature(parse("O = rotate_90(I)")) != signature(parse("O = rotate_270(I)"))
    deduper = Deduper(excluded=frozenset({"held"}))
    assert deduper.add("a") and not deduper.add("a") and not deduper.add("held")


# ---------------------------------------------------------------- datasets


def test_generated_records_follow_the_format_and_verify(tmp_path):
    config = GenerateConfig(n=24, depth_max=3, seed=3, source="random", chunk_size=12)
    summary = write_dataset(config, tmp_path, progress=False)
    records = [json.loads(line) for line in (tmp_path / "shard-00000.jsonl").read_text().splitlines()]
    assert summary.records == len(records) == 24 and sum(summary.rejected.values()) > 0  # bad samples counted, not fatal
    for record in records:
        assert list(record) == ["task", "program", "depth", "provenance", "source_task"]
        assert 3 <= len(record["task"]["train"]) <= 4 and len(record["task"]["test"]) == 1
        assert record["provenance"] == "random" and 1 <= record["depth"] <= 3
        task = Task.from_json("t", record["task"])
        program = compile_program(record["program"])
        assert print_program(canonical(program)) == record["program"] and depth(program) == record["depth"]
        result = verify(program, task)
        assert result.verified and np.array_equal(result.test_outputs[0], task.test_outputs[0])


def test_generation_is_deterministic_and_independent_of_workers(tmp_path):
    config = GenerateConfig(n=16, depth_max=2, seed=11, source="random", chunk_size=8)
    write_dataset(config, tmp_path / "a", progress=False)
    write_dataset(GenerateConfig(**{**config.__dict__, "workers": 2}), tmp_path / "b", progress=False)
    assert (tmp_path / "a" / "shard-00000.jsonl").read_text() == (tmp_path / "b" / "shard-00000.jsonl").read_text()


def test_library_mutations_name_their_source_task(tmp_path):
    from arc_kernel.library import load_library

    if not load_library():
        pytest.skip("the solver library is empty")
    config = GenerateConfig(n=8, depth_max=3, seed=5, source="mutate", chunk_size=8)
    write_dataset(config, tmp_path, progress=False)
    for line in (tmp_path / "shard-00000.jsonl").read_text().splitlines():
        record = json.loads(line)
        assert record["provenance"] in ("mutate", "relabel") and record["source_task"] in load_library()


def test_heldout_set_is_stratified_and_excluded_from_training(tmp_path):
    build_heldout(tmp_path, per_depth=4, depths=(1, 2), progress=False)
    records = load_heldout(tmp_path)
    assert sorted(r["depth"] for r in records) == [1] * 4 + [2] * 4
    excluded = heldout_signatures(tmp_path)
    assert len(excluded) == 8
    config = GenerateConfig(n=12, depth_max=2, seed=0, source="random", chunk_size=12, exclude=excluded)
    write_dataset(config, tmp_path / "train", progress=False)
    heldout_programs = {r["program"] for r in records}
    for line in (tmp_path / "train" / "shard-00000.jsonl").read_text().splitlines():
        assert json.loads(line)["program"] not in heldout_programs


def test_the_frozen_heldout_set_ships_with_the_package_and_rebuilds_to_a_file(tmp_path):
    records = load_heldout()  # arc_kernel/synthesis/heldout.jsonl.gz
    assert Counter(r["depth"] for r in records) == {d: 100 for d in range(1, 7)}
    assert len(heldout_signatures()) == len(records)
    build_heldout(tmp_path / "set.jsonl.gz", per_depth=2, depths=(1,), progress=False)
    rebuilt = load_heldout(tmp_path / "set.jsonl.gz")
    assert [r["depth"] for r in rebuilt] == [1, 1] and all(r["signature"] for r in rebuilt)


def test_relabelling_by_search_keeps_the_shortest_right_program(tmp_path):
    from arc_kernel.synthesis.generate import record
    from arc_kernel.synthesis.searched import SearchedConfig, summary_text, write_searched

    long_way = "O = flip_vertical(flip_horizontal(I))"  # a half turn in two calls
    task = relabel(long_way, INPUTS)
    (tmp_path / "pool").mkdir()
    (tmp_path / "pool" / "shard-00000.jsonl").write_text(json.dumps(record(task, parse(text(long_way)), "random", None)) + "\n")
    counts = write_searched([str(tmp_path / "pool" / "*.jsonl")], tmp_path / "out", SearchedConfig(seconds=2.0), progress=False)
    [searched] = [json.loads(line) for line in (tmp_path / "out" / "shard-00000.jsonl").read_text().splitlines()]
    assert searched["provenance"] == "search" and searched["original_program"] == text(long_way)
    assert searched["depth"] == 1 and searched["program"].startswith("O = ") and "\n" not in searched["program"]
    relabelled = Task.from_json("t", searched["task"])
    result = verify(searched["program"], relabelled)
    assert result.verified and np.array_equal(result.test_outputs[0], relabelled.test_outputs[0])
    assert summary_text(counts) == "depth 2: 1/1 solved by the search, 1 relabelled with another program"
