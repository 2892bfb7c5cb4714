# above the red bar a growing green staircase, below it a shrinking blue one
x1 = first_object(objects_4(I))
x2 = extend_all_cells(object_rays(I, x1, 1, 3), 6)
O = object_rays(x2, x1, 5, 1)
