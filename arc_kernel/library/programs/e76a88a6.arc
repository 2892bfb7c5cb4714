# copy the coloured pattern onto every grey block of its shape
x1 = multicolor_objects_4(I)
x2 = unique_color_object(x1)
O = stamp_at_objects(I, x2, same_shape_as(x1, x2))
