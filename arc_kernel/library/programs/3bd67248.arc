# a 2 diagonal from the top-right corner and a 4 base line beside the left bar
x1 = overlay(flip_horizontal(diagonal_grid(grid_height(I), 2)), recolor_nonzero(rotate_270(I), 4))
O = overlay(x1, I)
