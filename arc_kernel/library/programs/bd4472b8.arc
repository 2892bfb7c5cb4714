# each colour of the top row becomes a full row, repeated twice below the divider
x1 = grid_width(I)
x2 = resize(transpose(crop(I, 0, 0, 1, x1)), x1, x1)
O = concat_vertical(crop(I, 0, 0, 2, x1), tile(x2, 2, 1))
