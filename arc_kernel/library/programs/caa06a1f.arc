# continue the periodic pattern over the filler colour, shifted one column left
x1 = color_at(I, -1, -1)
x2 = grid_height(I)
x3 = grid_width(I)
x4 = complete_tiling(pad_to_size(I, x2, increment(x3), x1), x1)
O = crop(x4, 0, 1, x2, x3)
