# mark the outer corners of each grey square blue, red, green and yellow
O = mark_outer_corners(I, objects_4(I), 1, 2, 3, 4)
