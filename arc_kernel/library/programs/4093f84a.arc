# the loose cells slide onto the grey band and turn grey
x1 = least_common_color(I)
O = replace_color(move_cells_toward(I, x1, largest(objects_4(I))), x1, 5)
