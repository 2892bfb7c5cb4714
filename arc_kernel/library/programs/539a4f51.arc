# repeat the nested corner layers of the block outward to a 10x10 grid
x1 = tile_to_size(remove_lines(I, 0), 1, 10)
x2 = tile_to_size(transpose(x1), 10, 10)
x3 = ray_to_border(diagonal_grid(10, 1), 1, 6)
O = overlay_nonzero(transpose(x2), keep_where(x2, x3))
