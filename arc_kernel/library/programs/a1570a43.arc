# move the red shape into the green frame, one cell in from its corners
x1 = cells_of_color(I, 2)
x2 = cells_of_color(I, 3)
O = move_object(I, x1, subtract(increment(top_row(x2)), top_row(x1)), subtract(increment(left_column(x2)), left_column(x1)))
