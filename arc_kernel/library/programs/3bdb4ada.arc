# punch every other cell out of the middle row of each bar
x1 = transform_objects(objects_4(I), object_interior)
O = erase_alternate(I, x1, 0)
