# the top-left 2x2 corner
O = crop(I, 0, 0, 2, 2)
