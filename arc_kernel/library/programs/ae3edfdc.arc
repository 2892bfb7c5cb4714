# satellites fall onto their centres: green onto red, orange onto blue
x1 = move_cells_toward(I, 3, cells_of_color(I, 2))
O = move_cells_toward(x1, 7, cells_of_color(I, 1))
