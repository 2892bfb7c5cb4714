# the big shape shrunk to 3x3 and drawn in the colour of the scattered cells
x1 = objects_8(I)
x2 = resize(object_to_grid(largest(x1)), 3, 3)
O = recolor_nonzero(x2, object_color(smallest(x1)))
