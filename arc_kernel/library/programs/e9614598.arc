# a green plus appears midway between the two blue cells
x1 = mark_centers(I, singleton(cells_of_color(I, 1)), 3)
O = surround_orthogonal(x1, {3: 3})
