# an n x n diagonal of azure, n = the number of shapes
O = diagonal_grid(count_objects(objects_8(I)), 8)
