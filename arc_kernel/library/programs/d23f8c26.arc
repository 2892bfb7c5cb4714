# keep only the middle column
x1 = grid_height(I)
x2 = halve(grid_width(I))
x3 = canvas(x1, x2, 0)
O = concat_horizontal(concat_horizontal(x3, crop(I, 0, x2, x1, 1)), x3)
