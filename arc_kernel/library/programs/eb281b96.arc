# reflect the band downwards again and again, sharing the edge rows
x1 = grid_height(I)
x2 = grid_width(I)
x3 = concat_vertical(I, crop(flip_vertical(I), 1, 0, subtract(x1, 2), x2))
O = tile_to_size(x3, subtract(multiply(x1, 4), 3), x2)
