# each cell extends right to the edge, then down the edge until the next line
x1 = extend_all_cells(I, 2)
x2 = decrement(grid_width(I))
O = concat_horizontal(crop(x1, 0, 0, grid_height(I), x2), extend_all_cells(crop(x1, 0, x2, grid_height(I), 1), 4))
