# azure lines run through the columns of the coloured cells, then the grid tiles 2x2
x1 = recolor_foreground(I, 8)
x2 = extend_all_cells(extend_all_cells(x1, 0), 4)
O = tile(overlay(x2, I), 2, 2)
