# lines through the 8 and the 7; where lines of both meet, 2
x1 = draw_cross_through(keep_color(I, 8), 8)
x2 = draw_cross_through(keep_color(I, 7), 7)
O = overlay(overlay(x1, x2), cells_and(x1, x2, 2))
