# read the cells column by column and lay them out in a 3x3 snake
O = reshape_zigzag(row_of_colors(cell_colors(transpose(I))), 3, 3)
