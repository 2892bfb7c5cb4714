"""Drawing grids in the terminal with ARC's palette."""

import numpy as np

from arc_kernel.render import PALETTE, grid_lines, side_by_side


def test_digits_take_two_characters_per_cell():
    assert grid_lines(np.array([[0, 1], [9, 2]]), colour=False) == ["0 1 ", "9 2 "]


def test_colour_blocks_use_the_arc_palette():
    line = grid_lines(np.array([[1, 9]]), colour=True)[0]
    assert PALETTE[1] == "#0074D9" and "\x1b[48;2;0;116;217m  " in line  # blue
    assert "\x1b[48;2;135;12;37m  " in line and line.endswith("\x1b[0m")  # maroon


def test_grids_of_different_heights_sit_side_by_side_under_their_titles():
    text = side_by_side([("in", np.array([[1]])), ("out", np.array([[2], [3]]))], colour=False)
    assert text.splitlines() == ["in   out", "1    2", "     3"]
