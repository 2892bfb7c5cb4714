# each cell draws a line across its row and a frame around its half of the grid
x1 = colors_in_reading_order(I)
x2 = nth_color(x1, 1)
x3 = nth_color(x1, 2)
O = concat_vertical(top_half(draw_border(draw_rows_through(I, x2), x2)), bottom_half(draw_border(draw_rows_through(I, x3), x3)))
