# the two end colours spread to meet at a 5 in the middle
x1 = crop(I, 0, 0, 5, 1)
x2 = crop(I, 0, 10, 5, 1)
O = concat_horizontal(concat_horizontal(tile(x1, 1, 5), recolor_nonzero(x1, 5)), tile(x2, 1, 5))
