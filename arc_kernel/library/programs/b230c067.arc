# repeated shapes blue, the unique one red
x1 = objects_8(I)
O = fill_object(recolor_objects(I, x1, 1), unique_shape_object(x1), 2)
