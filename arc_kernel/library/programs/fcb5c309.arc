# crop the frame holding the most dots, drawn in the dots' colour
x1 = least_common_color(I)
O = recolor_nonzero(grid_with_most_color(crop_objects(I, objects_8(I)), x1), x1)
