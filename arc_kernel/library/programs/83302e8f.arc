# closed cells turn green, cells with a gap yellow
x1 = regions_of_color(I, 0)
x2 = recolor_objects(I, x1, 4)
O = recolor_if(x2, x1, is_solid_rectangle, 3)
