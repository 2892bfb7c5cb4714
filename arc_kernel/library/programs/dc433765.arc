# the green cell steps once towards the yellow cell
x1 = cells_of_color(I, 3)
x2 = cells_of_color(I, 4)
x3 = sign(subtract(top_row(x2), top_row(x1)))
x4 = sign(subtract(left_column(x2), left_column(x1)))
O = move_object(I, x1, x3, x4)
