# a square five times the number of colours, each cell of the row shooting up-right from the bottom
x1 = multiply(count_foreground(I), 5)
x2 = flip_vertical(pad_to_size(I, x1, x1, 0))
O = extend_all_cells(x2, 1)
