"""Views (model/views.py): a task decoded turned, mirrored or recoloured, its programs mapped back to the task."""

import numpy as np
import pytest

from arc_kernel.interpreter import compile_program, run
from arc_kernel.model.views import COLOUR_VIEWS, VIEWS, View, grid_task, map_back, view_task
from arc_kernel.dsl.registry import PRIMITIVES

GRID = np.arange(12, dtype=np.uint8).reshape(3, 4) % 10


def test_the_eight_views_are_distinct_and_each_is_undone_by_its_inverse():
    seen = {view.grid(GRID).tobytes() + bytes(view.grid(GRID).shape) for view in VIEWS}
    assert len(VIEWS) == len(seen) == 8 and VIEWS[0].forward is None
    for view in VIEWS[1:]:
        assert np.array_equal(PRIMITIVES[view.inverse].function(view.grid(GRID)), GRID)


def test_colour_views_permute_the_colours_one_to_nine_and_keep_zero():
    for view in COLOUR_VIEWS:
        assert view.colours[0] == 0 and sorted(view.colours) == list(range(10)) and view.forward is None
    assert len({view.colours for view in COLOUR_VIEWS}) == len(COLOUR_VIEWS) == 8


TURNED_AND_RECOLOURED = View("rotate_90", "rotate_270", COLOUR_VIEWS[1].colours)


@pytest.mark.parametrize("view", (*VIEWS, *COLOUR_VIEWS[:2], TURNED_AND_RECOLOURED), ids=lambda v: v.name())
def test_a_mapped_program_runs_its_program_on_the_viewed_input_and_undoes_the_view(view):
    program = "x1 = crop_to_content(I)\nx2 = top_half(x1)\nO = replace_color(x2, 3, 5)"
    mapped = compile_program(map_back(program, view))
    grid = np.zeros((5, 6), dtype=np.uint8)
    grid[1:4, 2:6] = GRID
    expected = run(compile_program(program), view.grid(grid))
    if view.colours is not None:
        expected = np.argsort(np.asarray(view.colours))[expected].astype(np.uint8)  # each colour seen back as itself
    if view.forward is not None:
        expected = PRIMITIVES[view.inverse].function(expected)
    assert np.array_equal(run(mapped, grid), expected)


def test_a_program_solving_the_transposed_task_solves_the_task_once_mapped_back():
    pairs = [(g, g[: g.shape[0] // 2]) for g in (GRID, GRID.T, np.ones((4, 2), dtype=np.uint8))]
    transpose = next(v for v in VIEWS if v.forward == "transpose")
    seen, _ = view_task(pairs, (), transpose)
    left = compile_program("O = left_half(I)")
    assert all(np.array_equal(run(left, i), o) for i, o in seen)  # top_half as seen through a mirror
    program = compile_program(map_back("O = left_half(I)", transpose))
    assert all(np.array_equal(run(program, i), o) for i, o in pairs)


def test_a_program_solving_the_recoloured_task_solves_the_task_once_mapped_back():
    pairs = [(g, np.where(g == 3, 5, g).astype(np.uint8)) for g in (GRID, GRID.T)]
    view = COLOUR_VIEWS[0]
    seen, _ = view_task(pairs, (), view)
    three, five = view.colours[3], view.colours[5]
    recolour = compile_program(f"O = replace_color(I, {three}, {five})")  # the same rule in the view's colours
    assert all(np.array_equal(run(recolour, i), o) for i, o in seen)
    program = compile_program(map_back(f"O = replace_color(I, {three}, {five})", view))
    assert all(np.array_equal(run(program, i), o) for i, o in pairs)


def test_only_tasks_of_grids_have_views_other_than_the_identity():
    assert grid_task([(GRID, GRID)]) and not grid_task([(GRID, 3)])
