# grey cells slide onto the red block
O = move_cells_toward(I, 5, cells_of_color(I, 2))
