# each cell shoots a ray to the right, alternating with grey
x1 = extend_all_cells(I, 2)
O = recolor_every_other(x1, objects_4(x1), 5)
