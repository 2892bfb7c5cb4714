# the square block whose shape differs from the others
O = unique_pattern_grid(split_squares(I))
