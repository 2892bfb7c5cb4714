# every hollow 3x3 ring becomes a red plus
x1 = keep_if(objects_4(I), has_hole)
x2 = fill_holes(recolor_objects(I, x1, 2), x1, 2)
O = fill_corners(x2, x1, 0)
