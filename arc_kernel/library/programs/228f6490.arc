# move each piece into the hole of a grey shape it fits exactly
x1 = objects_8(I)
O = fit_pieces_into_holes(I, with_color(x1, 5), without_color(x1, 5))
