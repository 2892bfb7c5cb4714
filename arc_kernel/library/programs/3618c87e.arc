# the 1s drop two rows, into the base line
O = move_object(I, cells_of_color(I, 1), 2, 0)
