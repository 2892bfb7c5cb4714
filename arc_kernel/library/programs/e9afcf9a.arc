# the two colours alternate in a checkerboard
x1 = crop(I, 0, 0, 2, 1)
x2 = concat_horizontal(x1, flip_vertical(x1))
O = tile(x2, 1, 3)
