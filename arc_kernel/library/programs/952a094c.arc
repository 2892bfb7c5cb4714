# the four cells inside the frame's corners move outside it, each to the diagonally opposite corner
x1 = all_largest(objects_4(I))
x2 = trim_border(crop_to_object(I, first_object(x1)))
O = mark_outer_corners(keep_objects(I, x1), x1, color_at(x2, -1, -1), color_at(x2, -1, 0), color_at(x2, 0, -1), color_at(x2, 0, 0))
