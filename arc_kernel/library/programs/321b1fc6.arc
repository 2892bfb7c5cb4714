# the coloured template replaces each same-shaped placeholder and leaves its own place
x1 = multicolor_objects_4(I)
x2 = unique_color_object(x1)
O = stamp_at_objects(erase_object(I, x2), x2, same_shape_as(x1, x2))
