# shapes of more than one cell turn 8
O = recolor_objects(I, larger_than(objects_4_except(I, 0), 1), 8)
