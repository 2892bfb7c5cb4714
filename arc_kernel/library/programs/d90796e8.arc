# a 3 touching a 2 becomes 8 and the 2 disappears
O = recolor_by_color_map(I, containing_color(containing_color(multicolor_objects_4(I), 2), 3), {3:8, 2:0})
