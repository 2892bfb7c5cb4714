# the red box moves two steps along the dotted line
x1 = cells_of_color(I, 2)
x2 = cells_of_color(I, 3)
O = choose(greater_than(object_width(x2), object_height(x2)), move_object(I, x1, 0, 2), move_object(I, x1, 2, 0))
