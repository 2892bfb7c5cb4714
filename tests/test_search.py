"""The search finds DSL programs for tasks it has never seen, within its time and memory bounds."""

import time
from dataclasses import replace

import numpy as np
import pytest

from arc_kernel.dsl.types import value_key
from arc_kernel.interpreter import compile_program, run
from arc_kernel.language.syntax import MAX_NESTING, Call, Var, parse, print_program
from arc_kernel.search import Enumerator, SearchConfig, SearchSource, search_task
from arc_kernel.search.constants import (infer_color_map, infer_upscale_factor, new_color_maps, predict_output_shapes,
                                         propose_constants)
from arc_kernel.search.derivation import GIVEN, Node, expression_program
from arc_kernel.search.prior import Prior, estimate_prior, load_prior
from arc_kernel.search.shallow import ShallowConfig, shallow_primitives, whole_grid_transform
from arc_kernel.search.source import SYMMETRIES, transform
from arc_kernel.search.timing import measure_call_seconds
from arc_kernel.solve import SolveConfig, build_sources, rank_candidates
from arc_kernel.task import Pair, Task
from arc_kernel.verifier import verify

SMALL_DSL = ("rotate_90", "rotate_180", "rotate_270", "flip_horizontal", "flip_vertical", "transpose", "upscale",
             "apply_color_map", "replace_color", "objects_4", "largest", "smallest", "crop_to_object", "crop_to_content")
FAST = SearchConfig(primitives=SMALL_DSL)


def task_from_program(text: str, seed: int = 0, demos: int = 3, shape: tuple[int, int] = (5, 6)) -> Task:
    """A task whose outputs are `text` run on random sparse inputs (the test output included)."""
    rng = np.random.default_rng(seed)
    program = compile_program(text)
    grids = []
    for _ in range(demos + 1):
        grid = np.where(rng.random(shape) < 0.3, rng.integers(1, 5, shape), 0).astype(np.uint8)
        grid[0, 0] = 1  # no grid is blank
        grids.append(grid)
    outputs = [run(program, g) for g in grids]
    return Task("made", tuple(Pair(g, o) for g, o in zip(grids[:-1], outputs[:-1])), (grids[-1],), (outputs[-1],))


def verified(task: Task, seconds: float = 5.0, config: SearchConfig = FAST) -> list:
    return [c for c in search_task(task, time.monotonic() + seconds, None, config) if c.verified]


def test_finds_a_one_step_program_and_its_text_is_valid():
    task = task_from_program("O = flip_horizontal(I)")
    best = min(verified(task), key=lambda c: c.rank)
    assert best.program == "O = flip_horizontal(I)"
    assert print_program(parse(best.program)) == best.program
    assert verify(best.program, task).verified
    assert np.array_equal(best.outputs[0], task.test_outputs[0])
    assert best.train_correct == best.train_total == 3 and best.source == "search"


def test_finds_a_three_step_program():
    task = task_from_program("O = rotate_90(crop_to_object(I, largest(objects_4(I))))", seed=3)
    found = verified(task, seconds=10.0)
    assert found, "no program fits the demos"
    assert np.array_equal(min(found, key=lambda c: c.rank).outputs[0], task.test_outputs[0])


def test_infers_a_colour_map_and_an_upscale_factor():
    mapped = task_from_program("O = apply_color_map(rotate_180(I), {1: 7, 2: 3})")
    assert min(verified(mapped), key=lambda c: c.rank).program == "O = apply_color_map(rotate_180(I), {1: 7, 2: 3})"
    scaled = task_from_program("O = upscale(transpose(I), 3)")
    assert min(verified(scaled), key=lambda c: c.rank).program == "O = upscale(transpose(I), 3)"


def test_constants_come_from_the_demos():
    inputs = [np.zeros((2, 3), np.uint8), np.ones((3, 3), np.uint8)]
    outputs = [np.full((6, 9), 4, np.uint8), np.full((9, 9), 4, np.uint8)]
    proposals = propose_constants(inputs, outputs, [])
    assert proposals.colors == (0, 1, 4)
    assert 3 in proposals.ints  # the upscale factor
    assert infer_upscale_factor(inputs, outputs) == 3
    assert infer_color_map([np.array([[1, 2]])], [np.array([[5, 2]])]).pairs == ((1, 5),)
    assert infer_color_map([np.array([[1, 1]])], [np.array([[5, 6]])]) is None  # not a function of the colour


def test_equal_results_are_kept_once():
    task = task_from_program("O = rotate_90(I)")
    enumerator = Enumerator([p.input for p in task.train], [p.output for p in task.train], list(task.test_inputs),
                            config=replace(FAST, max_cost=20))
    list(enumerator.run(time.monotonic() + 5))
    grids = [node for levels in enumerator.buckets["Grid"].values() for node in levels]
    keys = [tuple(value_key(v) for v in node.values) for node in grids]
    assert len(keys) == len(set(keys)) > 10  # e.g. rotate_180(rotate_180(I)) is I, and kept only as I


def test_a_prior_decides_which_of_two_fitting_programs_comes_first():
    task = task_from_program("O = rotate_180(I)")
    cheap_flips = {"flip_horizontal": 1.0, "flip_vertical": 1.0, "rotate_180": 12.0}
    found = [c for c in search_task(task, time.monotonic() + 5, cheap_flips, FAST) if c.verified]
    assert found[0].program in ("O = flip_horizontal(flip_vertical(I))", "O = flip_vertical(flip_horizontal(I))")


def test_the_prior_is_estimated_from_programs():
    programs = [parse("O = rotate_90(I)"), parse("O = rotate_90(flip_vertical(I))")]
    prior = estimate_prior(programs, ["rotate_90", "flip_vertical", "transpose"])
    assert prior.cost("rotate_90") < prior.cost("flip_vertical") < prior.cost("transpose")
    assert Prior({"rotate_90": 2.0}).cost("never_seen") == Prior().default


def test_ranked_attempts_use_the_shortest_program_first():
    task = task_from_program("O = transpose(I)")
    candidates = list(search_task(task, time.monotonic() + 5, None, FAST))
    assert all(len(c.rank) == 2 for c in candidates)
    attempts = rank_candidates(candidates, [(task.test_inputs[0], task.test_inputs[0])])
    assert np.array_equal(attempts[0][0], task.test_outputs[0])


def test_a_noisy_task_returns_within_its_budget():
    rng = np.random.default_rng(1)
    pairs = tuple(Pair(rng.integers(0, 10, (30, 30)).astype(np.uint8), rng.integers(0, 10, (30, 30)).astype(np.uint8))
                  for _ in range(8))
    task = Task("noise", pairs, (rng.integers(0, 10, (30, 30)).astype(np.uint8),) * 2)
    start = time.monotonic()
    list(search_task(task, start + 2.0))  # the whole DSL
    assert time.monotonic() - start < 2.0 + 2.0


def test_the_store_never_keeps_more_values_than_its_cap():
    task = task_from_program("O = rotate_90(I)")
    enumerator = Enumerator([p.input for p in task.train], [p.output for p in task.train], list(task.test_inputs),
                            config=SearchConfig(max_values=50))
    list(enumerator.run(time.monotonic() + 2))
    assert enumerator.stats.kept == 50 and enumerator.stats.full


def test_deep_programs_are_split_into_lines():
    expression = Var("I")
    for _ in range(MAX_NESTING + 3):
        expression = Call("rotate_90", (expression,))
    text = print_program(expression_program(expression))
    assert len(text.splitlines()) == 2
    grid = np.arange(6, dtype=np.uint8).reshape(2, 3)
    assert np.array_equal(run(compile_program(text), grid), np.rot90(grid, -(MAX_NESTING + 3)))


def test_symmetries_map_back_and_still_find_programs():
    grid = np.arange(6, dtype=np.uint8).reshape(2, 3)
    for forward, inverse in SYMMETRIES:
        assert np.array_equal(transform(transform(grid, forward), inverse), grid)
    task = task_from_program("O = flip_vertical(I)")
    found = verified(task, config=replace(FAST, symmetries=True))
    assert any(np.array_equal(c.outputs[0], task.test_outputs[0]) for c in found)


@pytest.mark.parametrize("use_search", [True, False])
def test_solve_builds_the_search_source_when_asked(use_search):
    names = [s.name for s in build_sources(SolveConfig(use_search=use_search, use_model=False))]
    assert ("search" in names) == use_search
    assert isinstance(SearchSource().prior, Prior)


def test_the_same_task_gives_the_same_programs():
    task = task_from_program("O = crop_to_object(I, largest(objects_4(I)))", seed=5)
    bounded = replace(FAST, max_cost=25, extra_cost=25)
    first, second = ([c.program for c in search_task(task, time.monotonic() + 30, None, bounded)] for _ in range(2))
    assert first == second and first


def test_a_slow_primitive_costs_more_bits_by_its_time():
    prior = Prior({"rotate_90": 8.0, "flip_vertical": 8.0, "transpose": 8.0},
                  seconds={"rotate_90": 1e-5, "flip_vertical": 2e-5, "transpose": 16e-5})  # median 2e-5 s
    assert prior.time_bits("rotate_90") == prior.time_bits("flip_vertical") == 0.0
    assert prior.time_bits("transpose") == pytest.approx(3.0)  # 8 times slower than the median: 3 bits more
    enumerator = Enumerator([np.zeros((2, 2), np.uint8)], [np.zeros((2, 2), np.uint8)], [], prior,
                            replace(FAST, time_weight=1.0))
    assert enumerator.cost("transpose") == 11 and enumerator.cost("rotate_90") == 8
    assert Enumerator([np.zeros((2, 2), np.uint8)], [np.zeros((2, 2), np.uint8)], [], prior,
                      replace(FAST, time_weight=0.0)).cost("transpose") == 8


def test_call_times_are_measured_per_primitive():
    task = task_from_program("O = rotate_90(I)")
    seconds = measure_call_seconds([task], seconds_per_task=0.3, prior=Prior())
    assert {"rotate_90", "objects_4"} <= set(seconds) and all(s > 0 for s in seconds.values())


def test_output_shapes_are_predicted_from_the_demo_sizes():
    grid = lambda h, w: np.zeros((h, w), np.uint8)  # noqa: E731
    assert predict_output_shapes([grid(3, 4), grid(5, 5)], [grid(6, 8), grid(10, 10)], [grid(2, 7)]) == [(4, 14)]
    assert predict_output_shapes([grid(3, 4), grid(5, 5)], [grid(3, 3), grid(3, 3)], [grid(9, 9)]) == [(3, 3)]
    assert predict_output_shapes([grid(3, 4), grid(5, 6)], [grid(5, 6), grid(7, 8)], [grid(1, 1)]) == [(3, 3)]
    assert predict_output_shapes([grid(3, 4), grid(5, 5)], [grid(4, 3), grid(3, 4)], [grid(9, 9)]) is None


def test_solve_passes_its_search_settings_to_the_search():
    config = SolveConfig(use_model=False, search=replace(SearchConfig(), max_cost=30))
    assert build_sources(config)[0].config.max_cost == 30


def test_colour_maps_to_new_output_colours_are_proposed():
    inputs = [np.array([[0, 2, 0], [0, 0, 3]], np.uint8)]
    outputs = [np.array([[1, 2, 1], [0, 1, 3]], np.uint8)]  # colour 1 is new: {2: 1} and {3: 1} are worth trying
    assert [m.pairs for m in new_color_maps(inputs, outputs)] == [((2, 1),), ((3, 1),)]
    assert new_color_maps(inputs, inputs) == ()


def test_the_first_phase_uses_only_fast_whole_grid_transforms():
    prior = load_prior()
    names = shallow_primitives(prior)
    assert "flip_horizontal" in names and "objects_4" not in names
    transforms = [n for n in names if n != "apply_color_map"]  # kept to finish grids up to a colour map
    assert all(whole_grid_transform(n) for n in transforms)
    assert all(prior.seconds[n] <= ShallowConfig().max_call_seconds for n in transforms)


def test_the_first_phase_finds_a_depth_two_chain_and_stops_at_its_depth():
    task = task_from_program("O = transpose(crop_to_content(I))")
    config = replace(FAST, shallow_share=1.0)  # the whole budget to the first phase
    first = next(c for c in search_task(task, time.monotonic() + 10, config=config) if c.verified)
    assert np.array_equal(first.outputs[0], task.test_outputs[0])
    assert print_program(parse(first.program)) == first.program  # canonical program text
    bounded = Enumerator([p.input for p in task.train], [p.output for p in task.train], list(task.test_inputs),
                         config=replace(FAST, max_depth=1))
    assert all(hit.node.depth <= 1 for hit in bounded.run(time.monotonic() + 5))


def test_given_values_seed_the_search_and_are_written_out_in_its_programs():
    task = task_from_program("O = flip_horizontal(rotate_90(I))")
    only_flips = SearchConfig(primitives=("flip_horizontal",), shallow_share=0.0)
    assert not verified(task, seconds=2.0, config=only_flips)  # rotate_90 is not among the primitives searched
    grids = [p.input for p in task.train] + list(task.test_inputs)
    turned = Node("Grid", tuple(transform(g, ("rotate_90",)) for g in grids), 3, 1, GIVEN,
                  constant=parse("O = rotate_90(I)").lines[0].expression)
    found = [c for c in search_task(task, time.monotonic() + 5.0, None, only_flips, given=[turned]) if c.verified]
    assert "O = flip_horizontal(rotate_90(I))" in [c.program for c in found]


def test_a_program_found_through_a_seed_does_not_cut_the_search_short():
    symmetric = np.zeros((5, 5), np.uint8)
    symmetric[1:4, 1:4] = [[1, 0, 1], [0, 2, 0], [1, 0, 1]]  # every rotation and reflection fits its demo
    test_input = np.zeros((5, 5), np.uint8)
    test_input[1:3, 1:4] = [[1, 2, 0], [0, 0, 3]]
    task = Task("symmetric", (Pair(symmetric, symmetric[1:4, 1:4]),), (test_input,), (test_input[1:3, 1:4].T,))
    config = replace(FAST, shallow_share=0.0, max_solutions=100, extra_cost=8)
    seed = Node("Grid", (symmetric[1:4, 1:4], task.test_outputs[0]), 1, 1, GIVEN,
                constant=parse("O = transpose(crop_to_content(I))").lines[0].expression)  # fits the demo, cheaply

    def outputs(given):
        found = search_task(task, time.monotonic() + 10.0, None, config, given=given)
        return {tuple(value_key(o) for o in c.outputs) for c in found if c.verified}

    alone = outputs(())
    assert len(alone) > 2 and alone <= outputs([seed])
