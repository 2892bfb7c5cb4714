# 1 and 3 draw full rows, 2 draws columns beneath them
O = draw_columns_through(draw_rows_through(draw_rows_through(I, 1), 3), 2)
