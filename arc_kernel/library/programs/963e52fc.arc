# continue the row pattern to double width
x1 = concat_horizontal(I, canvas(grid_height(I), grid_width(I), 9))
O = complete_rows_periodic(x1, 9)
