# shapes of six cells turn red, the others blue
x1 = objects_4(I)
x2 = recolor_objects(I, x1, 1)
O = recolor_by_size(x2, x1, {6: 2})
