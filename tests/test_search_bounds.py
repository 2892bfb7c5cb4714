"""The enumeration is ordered by the cheapest Grid program a value can still be part of (bounds.py, shapes.py)."""

import time

import numpy as np

from arc_kernel.dsl import PRIMITIVES
from arc_kernel.search import Enumerator, SearchConfig
from arc_kernel.language.syntax import parse
from arc_kernel.search.bounds import goal_distances, least_costs, off_shape_distance
from arc_kernel.search.prior import symbol_counts

PRIMITIVES_USED = ("objects_4", "largest", "crop_to_object", "rotate_90", "flip_horizontal", "count_colors", "upscale")


def test_goal_distances_are_the_cheapest_way_on_to_a_grid():
    primitives = [PRIMITIVES[n] for n in ("objects_4", "largest", "crop_to_object", "rotate_90")]
    costs = {"objects_4": 3, "largest": 2, "crop_to_object": 4, "rotate_90": 1}
    least = least_costs({"Grid": 1}, primitives, costs.get)
    assert least == {"Grid": 1, "Objects": 4, "Object": 6}
    distances = goal_distances(least, primitives, costs.get)
    # an Object still needs crop_to_object (4) and the grid I (1); Objects needs largest (2) on top of that
    assert distances == {"Grid": 0, "Object": 5, "Objects": 7}


def test_a_type_that_never_leads_to_a_grid_is_never_made():
    primitives = [PRIMITIVES[n] for n in ("objects_4", "rotate_90")]
    distances = goal_distances(least_costs({"Grid": 1}, primitives, lambda n: 2), primitives, lambda n: 2)
    assert "Objects" not in distances  # nothing here turns Objects back into a Grid


def test_a_step_completes_every_grid_program_of_its_cost_and_no_costlier_value():
    rng = np.random.default_rng(0)
    inputs = [np.where(rng.random((6, 6)) < 0.3, 2, 0).astype(np.uint8) for _ in range(3)]
    outputs = [np.rot90(g) for g in inputs]
    enumerator = Enumerator(inputs, outputs, [inputs[0]], config=SearchConfig(primitives=PRIMITIVES_USED))
    enumerator.stop_level = 20
    list(enumerator.run(time.monotonic() + 30))
    assert enumerator.stats.level == 20
    for kind, levels in enumerator.buckets.items():
        for cost, nodes in levels.items():
            if nodes and kind in enumerator.distances:
                assert cost + enumerator.distances[kind] <= 20, (kind, cost)
    assert enumerator.distances["Objects"] > enumerator.distances["Object"] > 0


def test_a_grid_of_another_shape_than_the_outputs_only_gets_nearer_through_a_shape_changing_call():
    primitives = [PRIMITIVES[n] for n in ("flip_horizontal", "crop_to_content", "rotate_90")]
    costs = {"flip_horizontal": 2, "crop_to_content": 5, "rotate_90": 3}
    least = least_costs({"Grid": 1}, primitives, costs.get)
    distances = goal_distances(least, primitives, costs.get)
    # flip_horizontal keeps its grid's shape; crop_to_content and rotate_90 may change it: the cheaper one counts
    assert off_shape_distance(least, distances, primitives, costs.get, frozenset({"flip_horizontal"})) == 3
    assert off_shape_distance(least, distances, primitives, costs.get, frozenset(costs)) is None


def test_shape_keeping_calls_on_off_shape_grids_come_later_and_nothing_of_the_cost_is_lost():
    rng = np.random.default_rng(2)
    inputs = []
    for _ in range(3):
        grid = np.zeros((8, 9), np.uint8)
        grid[2:5, 3:7] = rng.integers(1, 4, (3, 4))
        inputs.append(grid)
    outputs = [np.fliplr(g[2:5, 3:7]) for g in inputs]  # O = flip_horizontal(crop_to_content(I))
    names = ("flip_horizontal", "flip_vertical", "rotate_180", "crop_to_content", "replace_color", "transpose")
    runs = {}
    for shape_directed in (False, True):
        config = SearchConfig(primitives=names, shape_directed=shape_directed)
        enumerator = Enumerator(inputs, outputs, [inputs[0]], config=config)
        enumerator.preserving = frozenset({"flip_horizontal", "flip_vertical", "rotate_180", "replace_color"})
        if shape_directed:
            enumerator.off_shape = 5  # as if crop_to_content were the only way to the outputs' shape
            enumerator.stepped = enumerator._plan()
        enumerator.stop_level = 24
        fits = sorted(str(h.node) for h in enumerator.run(time.monotonic() + 30) if h.demo_matches == 3)
        runs[shape_directed] = (fits, enumerator.stats.evaluated)
    assert runs[True][0] == runs[False][0] and runs[True][0]  # the same programs fit, found by step 24
    assert runs[True][1] < runs[False][1]  # with fewer evaluations: flips of the 8x9 input wait


def test_literals_count_as_the_constant_kind_the_search_offers_them_as():
    programs = [parse("O = split_columns(I, 3)"), parse("O = replace_color(I, 1, 2)")]
    counts = symbol_counts(programs, [frozenset({0, 1, 2}), frozenset({0, 1, 2})])
    assert counts["Int"] == 1 and counts["Color"] == 2  # 3 is no colour of its task: an Int seed
    assert symbol_counts(programs)["Color"] == 3  # without the tasks, 0–9 read as colours
