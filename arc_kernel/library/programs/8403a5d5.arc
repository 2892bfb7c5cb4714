# from the cell's column rightwards, repeat the block: full column, 5 on top, full column, 5 at the bottom
x1 = most_common_foreground(I)
x2 = left_column(cells_of_color(I, x1))
x3 = grid_height(I)
x4 = canvas(x3, 1, x1)
x5 = pad_to_size(bar(1, 5), x3, 1, 0)
x6 = concat_horizontal(concat_horizontal(x4, x5), concat_horizontal(x4, flip_vertical(x5)))
O = concat_horizontal(canvas(x3, x2, 0), tile_to_size(x6, x3, subtract(grid_width(I), x2)))
