# each grey cell grows into a blue 3x3 square
x1 = surround_cells(I, {5: 1})
O = replace_color(x1, 5, 1)
