# square holes turn red
O = recolor_objects(I, keep_if(not_touching_border(regions_of_color(I, 0), I), is_square), 2)
