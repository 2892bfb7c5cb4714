# the compartment holding the 4 moves to the compartment at the 4's place inside it; the rest is cleared
x1 = recolor_by_color_map(I, cell_objects(I), {5: 0})
x2 = cell_objects(x1)
x3 = most_of_color(x2, 4)
x4 = cells_of_color(I, 4)
x5 = subtract(multiply(top_row(x4), 4), multiply(top_row(x3), 5))
x6 = subtract(multiply(left_column(x4), 4), multiply(left_column(x3), 5))
O = move_object(recolor_objects(x1, x2, 0), x3, x5, x6)
