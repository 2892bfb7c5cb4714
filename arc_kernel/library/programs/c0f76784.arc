# fill the holes of the squares by hole size: 9 azure, 4 orange, 1 magenta
x1 = fill_enclosed(I, 1)
O = recolor_by_size(x1, regions_of_color(x1, 1), {9: 8, 4: 7, 1: 6})
