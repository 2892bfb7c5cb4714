# each outside cell marks the nearest cell of the big block with its colour
O = project_onto_object(I, largest(objects_4(I)))
