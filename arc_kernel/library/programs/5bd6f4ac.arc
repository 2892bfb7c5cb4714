# the top-right 3x3 window
O = crop(I, 0, 6, 3, 3)
