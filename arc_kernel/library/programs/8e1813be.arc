# the full-length coloured lines (grey square ignored), in order, as the stripes of a square
x1 = erase_color(I, 5)
x2 = greater_than(count_color(uniform_rows(x1, 1), 1), 0)
x3 = remove_lines(choose(x2, x1, transpose(x1)), 0)
x4 = grid_height(x3)
x5 = resize(crop(x3, 0, decrement(grid_width(x3)), x4, 1), x4, x4)
O = choose(x2, x5, transpose(x5))
