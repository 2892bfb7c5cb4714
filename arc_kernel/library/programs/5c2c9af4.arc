# square rings around the middle dot, spaced like the three dots, out to the edges
x1 = objects_4(I)
x2 = nth_object(x1, 1)
O = draw_square_rings(I, x2, subtract(top_row(x2), top_row(first_object(x1))), object_color(x2))
