# each coloured cell of one half becomes a copy of the grey-8 shape of the other half in its colour
x1 = split_squares(I)
O = shape_per_cell(grid_with_least_color(x1, 8), grid_with_most_color(x1, 8))
