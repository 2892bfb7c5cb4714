# each grey piece flips across the back of the nearest red bracket
x1 = objects_8(I)
O = mirror_across_nearest(I, with_color(x1, 5), with_color(x1, 2))
