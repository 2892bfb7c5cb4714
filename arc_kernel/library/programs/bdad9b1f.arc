# red rows and cyan columns extend across, yellow where they cross
x1 = draw_rows_through(keep_color(I, 2), 2)
x2 = draw_columns_through(keep_color(I, 8), 8)
O = overlay(overlay(x1, x2), cells_and(x1, x2, 4))
