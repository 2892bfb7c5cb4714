"""Pattern primitives (symmetry, tiling, denoising, templates, stacking): small grids in, expected grids out."""

import numpy as np
import pytest

from arc_kernel.dsl.errors import PrimitiveError
from arc_kernel.dsl.types import as_grid
from grids import G, P, same


SYMMETRIC = G(
    "123321",
    "456654",
    "789987",
    "789987",
    "456654",
    "123321",
)


def test_complete_symmetry_fills_hidden_cells_from_mirror_images():
    hidden = np.array(SYMMETRIC)
    hidden[1:3, 0:2] = 0
    hidden[4, 4] = 0
    assert same(P("complete_symmetry")(as_grid(hidden), 0), SYMMETRIC)


def test_complete_symmetry_with_axis_off_centre():
    # a left-right symmetric picture with an extra column on the left
    grid = G("9123321", "9456654", "9789987")
    hidden = np.array(grid)
    hidden[1, 5:7] = 0
    assert same(P("complete_symmetry")(as_grid(hidden), 0), grid)


def test_complete_symmetry_leaves_grid_without_unknown_cells():
    assert same(P("complete_symmetry")(SYMMETRIC, 0), SYMMETRIC)


def test_uncover_by_symmetry_returns_the_hidden_patch():
    hidden = np.array(SYMMETRIC)
    hidden[0:2, 1:3] = 0
    assert same(P("uncover_by_symmetry")(as_grid(hidden), 0), G("23", "56"))
    with pytest.raises(PrimitiveError):
        P("uncover_by_symmetry")(SYMMETRIC, 0)


def test_mirror_complete_overlays_all_mirror_images():
    assert same(P("mirror_complete")(G("1..", "...", "..2")), G("1.1", "...", "2.2"))
    assert same(P("mirror_complete")(G("3..", "...", "...")), G("3.3", "...", "3.3"))


def test_is_symmetric_horizontal_and_vertical():
    assert P("is_symmetric_horizontal")(G("121", "343"))
    assert not P("is_symmetric_horizontal")(G("12", "34"))
    assert P("is_symmetric_vertical")(G("12", "34", "12"))
    assert not P("is_symmetric_vertical")(G("12", "34"))


def test_complete_tiling_uses_smallest_consistent_period():
    hidden = G("1212", "3..4", "1212", "3434")
    assert same(P("complete_tiling")(hidden, 0), G("1212", "3434", "1212", "3434"))
    full = as_grid(np.fromfunction(lambda r, c: (r + c) % 3 + 1, (6, 7), dtype=int))
    hidden = np.array(full)
    hidden[2:4, 3:6] = 0
    assert same(P("complete_tiling")(as_grid(hidden), 0), full)


def test_complete_rows_periodic_repeats_each_row():
    grid = G(".....", ".2.2.", "1212.", "1....")
    # the top row stays unknown; every other row continues with period 2 (row 3 only knows one cell)
    assert same(P("complete_rows_periodic")(grid, 0), G(".....", ".2.2.", "12121", "1.1.1"))


def test_complete_columns_periodic_repeats_each_column():
    grid = G("13", "24", "1.", "..")
    assert same(P("complete_columns_periodic")(grid, 0), G("13", "24", "13", "24"))


def test_uncover_by_tiling_returns_the_hidden_patch():
    grid = G("1212", "21.1", "1.12")
    assert same(P("uncover_by_tiling")(grid, 0), G("12", "21"))


def test_tile_by_mask_places_copies_on_one_colour():
    layout = G("12", "21")
    assert same(P("tile_by_mask")(layout, layout, 1), G("12..", "21..", "..12", "..21"))
    assert same(P("tile_by_mask")(G("3.3"), G("5", "6"), 3), G("5.5", "6.6"))


def test_remove_isolated_cells():
    grid = G("11...", "1...2", ".....", "..3..")
    assert same(P("remove_isolated_cells")(grid), G("11...", "1....", ".....", "....."))


def test_majority_filter_smooths_noise():
    grid = G("1111", "1211", "1111")
    assert same(P("majority_filter")(grid), G("1111", "1111", "1111"))
    stripes = G("1122", "1122")
    assert same(P("majority_filter")(stripes), stripes)


def test_denoise_stripes_picks_the_better_orientation():
    noisy = G("1223", "1222", "3113", "1323")
    assert same(P("denoise_stripes")(noisy), G("1223", "1223", "1223", "1223"))
    rows = G("1111", "2232", "3333")
    assert same(P("denoise_stripes")(rows), G("1111", "2222", "3333"))


def test_fill_uniform_lines():
    grid = G("1.1", "...", "1.1")
    assert same(P("fill_uniform_lines")(grid, 0, 2), G("121", "222", "121"))


def test_occurrences_and_count():
    grid = G("12.12", "34.34", "..12.")
    found = P("occurrences")(grid, G("12"))
    assert [(o.top, o.left) for o in found] == [(0, 0), (0, 3), (2, 2)]
    assert all(o.size == 2 for o in found)
    assert P("count_occurrences")(grid, G("12", "34")) == 2
    assert P("occurrences")(G("1"), G("11")) == ()
    assert P("count_occurrences")(G("1"), G("11")) == 0


def test_cells_equal():
    assert same(P("cells_equal")(G("12", "30"), G("13", "30"), 4), G("4.", "44"))
    with pytest.raises(PrimitiveError):
        P("cells_equal")(G("1"), G("11"), 4)


def test_overlay_all_first_grid_on_top():
    grids = (G("1.", ".."), G("22", ".."), G("33", "33"))
    assert same(P("overlay_all")(grids), G("12", "33"))
    with pytest.raises(PrimitiveError):
        P("overlay_all")(())


def test_keep_where():
    assert same(P("keep_where")(G("12", "34"), G("5.", ".5")), G("1.", ".4"))


def test_extend_all_cells_paints_rays_from_every_cell():
    # (appended to painting by the patterns engineer)
    grid = G("..6", ".4.", "3..")
    assert same(P("extend_all_cells")(grid, 4), G("..6", ".46", "346"))
    assert same(P("extend_all_cells")(G("1..", "...", "..."), 3), G("1..", ".1.", "..1"))


def test_merge_panels_copies_every_drawing_into_every_panel():
    grid = G("1.4..", "..4.2", "44444", "..4..", "..43.")
    assert same(P("merge_panels")(grid), G("1.41.", "32432", "44444", "1.41.", "32432"))
    with pytest.raises(PrimitiveError):
        P("merge_panels")(G("12", "34"))
