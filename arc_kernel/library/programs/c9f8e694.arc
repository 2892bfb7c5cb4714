# grey cells take the colour at the start of their row
x1 = crop(I, 0, 0, grid_height(I), 1)
x2 = resize(x1, grid_height(I), grid_width(I))
O = keep_where(x2, I)
