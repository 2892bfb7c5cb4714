# each grey block takes the colour of the nearest marker
O = recolor_by_nearest(I, with_color(objects_4(I), 5))
