# the grey cells take the other colour and the other colour's cells turn black
x1 = object_color(first_object(objects_4_except(I, 5)))
O = recolor_nonzero(keep_color(I, 5), x1)
