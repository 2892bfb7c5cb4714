# every orange cell turns grey
O = replace_color(I, 7, 5)
