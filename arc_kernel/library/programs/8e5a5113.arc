# the second block is the first turned a quarter, the third turned a half
x1 = crop(I, 0, 0, 3, 3)
x2 = concat_horizontal(crop(I, 0, 0, 3, 4), rotate_90(x1))
O = concat_horizontal(concat_horizontal(x2, crop(I, 0, 3, 3, 1)), rotate_180(x1))
