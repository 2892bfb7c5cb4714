# fill the holes from the mirror image across the diagonal; the diagonal keeps its colour, the rest takes the main colour
x1 = complete_diagonal_symmetry(I, 0)
x2 = overlay(x1, diagonal_grid(grid_height(I), color_at(I, 0, 0)))
O = replace_color(x2, 0, most_common_color(I))
