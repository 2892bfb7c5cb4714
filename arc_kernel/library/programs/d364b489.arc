# each blue cell gets fixed colours above, right, below and left
O = mark_sides(I, 1, 2, 6, 8, 7)
