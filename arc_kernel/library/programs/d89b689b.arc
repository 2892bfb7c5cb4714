# the four cells move onto the nearest cells of the block, everything else is cleared
x1 = largest(objects_4(I))
x2 = project_onto_object(I, x1)
O = keep_where(x2, keep_objects(I, singleton(x1)))
