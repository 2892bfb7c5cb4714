# the row is repeated down half its width, each copy one cell longer
O = extend_over(tile(I, halve(grid_width(I)), 1), 0, 3)
