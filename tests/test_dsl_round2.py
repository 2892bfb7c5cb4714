"""Round-2 primitives (containers, per-colour measures, disjoint matches, diagonal completion, stamping,
aligned and tip rays, side marks, centres, nearest colours): small grids in, expected grids out."""

import pytest

from arc_kernel.dsl.errors import PrimitiveError
from grids import G, P, same


# ---------------------------------------------------------------- selection


def test_singleton_wraps_one_object():
    obj = P("largest")(P("objects_4")(G("11.", "...", "..2")))
    assert P("singleton")(obj) == (obj,)
    assert same(P("recolor_objects")(G("11.", "...", "..2"), P("singleton")(obj), 5), G("55.", "...", "..2"))


def test_count_color_in_counts_one_colour_of_an_object():
    obj = P("first_object")(P("multicolor_objects_4")(G("122", "1..")))
    assert P("count_color_in")(obj, 2) == 2
    assert P("count_color_in")(obj, 1) == 2
    assert P("count_color_in")(obj, 7) == 0


def test_most_and_least_of_color_pick_by_a_colour_count():
    grid = G("13..11", "11..31", "......", "33....")
    objects = P("multicolor_objects_4")(grid)
    assert P("most_of_color")(objects, 3).size == 2  # the bottom pair of 3s
    assert P("least_of_color")(objects, 3).top == 0  # first of the two with one 3
    with pytest.raises(PrimitiveError):
        P("most_of_color")((), 3)


# ---------------------------------------------------------------- patterns


def test_disjoint_occurrences_skip_overlapping_matches():
    grid = G("....", "....", "...1")
    found = P("disjoint_occurrences")(grid, G("..", ".."))
    assert [(o.top, o.left) for o in found] == [(0, 0), (0, 2)]
    assert len(P("occurrences")(grid, G("..", ".."))) == 5
    assert P("disjoint_occurrences")(grid, G(".....")) == ()


def test_complete_diagonal_symmetry_fills_from_the_transpose():
    full = G("123", "245", "356")
    hidden = G("12.", "245", "356")
    assert same(P("complete_diagonal_symmetry")(hidden, 0), full)
    anti = G("321", "542", "653")  # symmetric across the anti-diagonal
    assert same(P("complete_diagonal_symmetry")(G("3.1", "542", "653"), 0), anti)
    with pytest.raises(PrimitiveError):
        P("complete_diagonal_symmetry")(G("12", "34"), 0)


def test_complete_diagonal_periodic_continues_diagonal_stripes():
    hidden = G("283..", "83...", "3....", ".....")
    assert same(P("complete_diagonal_periodic")(hidden, 0), G("28328", "83283", "32832", "28328"))
    backwards = G("12.", ".12", "..1")  # colour depends on column - row
    assert same(P("complete_diagonal_periodic")(backwards, 0), G("121", "212", "121"))


def test_overlay_nonzero_paints_non_black_cells_on_top():
    assert same(P("overlay_nonzero")(G("11", "11"), G("2.", "22")), G("21", "22"))
    with pytest.raises(PrimitiveError):
        P("overlay_nonzero")(G("11"), G("1", "1"))


# ---------------------------------------------------------------- painting


def test_stamp_at_objects_copies_a_template_onto_each_place():
    grid = G("12....", "......", "...55.", "......")
    objects = P("objects_4")(grid)
    template = P("first_object")(P("multicolor_objects_4")(grid))
    places = P("with_color")(objects, 5)
    assert same(P("stamp_at_objects")(grid, template, places), G("12....", "......", "...12.", "......"))


def test_rays_toward_object_only_from_aligned_cells():
    grid = G(
        "......",
        ".22..3",
        ".22...",
        "......",
        ".4...7",
    )
    target = P("largest")(P("objects_4")(grid))
    assert same(
        P("rays_toward_object")(grid, target),
        G(
            "......",
            ".22333",
            ".22...",
            ".4....",
            ".4...7",
        ),
    )


def test_ray_from_tip_starts_at_the_extreme_cells_only():
    grid = G("....", ".11.", ".11.", "....")
    obj = P("cells_of_color")(grid, 1)
    assert same(P("ray_from_tip")(grid, obj, 7, 3), G("3...", ".11.", ".11.", "...."))
    assert same(P("ray_from_tip")(grid, obj, 2, 4), G("....", ".114", ".114", "...."))


def test_mark_sides_paints_four_neighbours_in_four_colours():
    grid = G("...", ".1.", "...", "..1")
    assert same(P("mark_sides")(grid, 1, 2, 6, 8, 7), G(".2.", "716", ".82", ".71"))


# ---------------------------------------------------------------- mapping


def test_mark_centers_paints_the_middle_of_each_box():
    grid = G("111..", "1.1..", "111..", "...22")
    assert same(P("mark_centers")(grid, P("objects_4")(grid), 6), G("111..", "161..", "111..", "...62"))


def test_recolor_by_nearest_takes_the_closest_other_colour():
    grid = G(
        "2.....4",
        ".......",
        ".55..55",
        ".55..55",
    )
    objects = P("with_color")(P("objects_4")(grid), 5)
    assert same(
        P("recolor_by_nearest")(grid, objects),
        G(
            "2.....4",
            ".......",
            ".22..44",
            ".22..44",
        ),
    )


def test_rays_four_ways_start_only_from_the_original_cells():
    assert same(P("rays_four_ways")(G(".....", "..8..", "....."), 8), G("..8..", "88888", "..8.."))
    # a box with a gap: the inside stays put, only the gap cell shoots out
    box = G("......", ".5.55.", ".5885.", ".5555.", "......", "......")
    shot = G("..8...", ".5855.", ".5885.", ".5555.", "......", "......")
    assert same(P("rays_four_ways")(box, 8), shot)


def test_snap_cells_to_lines_moves_lone_cells_to_their_line():
    grid = G(
        "3....4.",
        "3......",
        "3..3.2.",
        "3......",
    )
    assert same(
        P("snap_cells_to_lines")(grid),
        G(
            "3......",
            "3......",
            "33.....",
            "3......",
        ),
    )


def test_cell_colors_lists_each_foreground_cell_in_reading_order():
    grid = G("..3", "1..", "3..", "...")
    assert P("cell_colors")(grid) == (3, 1, 3)
    assert P("cell_colors")(P("transpose")(grid)) == (1, 3, 3)  # column by column
    assert P("cell_colors")(G("..", "..")) == ()


def test_sort_rows_by_count_puts_fuller_rows_lower():
    grid = G("111.", "....", "1...", "2222", "33..")
    assert same(P("sort_rows_by_count")(grid), G("....", "1...", "33..", "111.", "2222"))


def test_clean_noise_color_fills_notches_and_drops_loose_noise():
    grid = G(
        "......",
        ".3338.",
        ".3833.",
        ".3338.",
        "8.....",
    )
    cleaned = G(
        "......",
        ".3333.",
        ".3333.",
        ".3333.",
        "......",
    )
    assert same(P("clean_noise_color")(grid, 8), cleaned)
