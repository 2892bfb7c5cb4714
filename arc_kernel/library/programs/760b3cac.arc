# mirror the 8 shape to the side the 4 shape's top cell leans to
x1 = keep_color(flip_horizontal(I), 8)
x2 = overlay(I, shift(x1, 0, -3))
x3 = overlay(I, shift(x1, 0, 3))
O = choose(equals(color_at(I, 3, 3), 4), x2, x3)
