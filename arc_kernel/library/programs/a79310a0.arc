# move down one row and turn red
O = replace_color(shift(I, 1, 0), 8, 2)
