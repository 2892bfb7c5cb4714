# slide the 3 shape against the 2 line, then close it in with an 8 line on its far side
x1 = cells_of_color(I, 3)
x2 = move_until_contact(I, x1, cells_of_color(I, 2))
x3 = recolor_object(cells_of_color(rotate_180(I), 2), 8)
O = move_until_contact(paint_object(x2, x3), x3, cells_of_color(x2, 3))
