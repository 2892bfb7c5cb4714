# the small shape scaled to fill the frame
x1 = objects_8(I)
x2 = largest(x1)
x3 = subtract(object_height(x2), 2)
O = pad(resize(object_to_grid(smallest(x1)), x3, x3), object_color(x2))
