# each green cell takes the colour of the nearest border line
O = recolor_by_nearest(I, with_color(objects_4(I), 3))
