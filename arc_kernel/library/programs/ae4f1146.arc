# the cut-out with the most blue cells
O = grid_with_most_color(crop_objects(I, multicolor_objects_4(I)), 1)
