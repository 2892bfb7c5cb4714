# crop the box holding the most red cells
O = grid_with_most_color(crop_objects(I, multicolor_objects_8_except(I, 0)), 2)
