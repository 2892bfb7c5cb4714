# the largest empty region turns blue, the smallest ones 8
O = recolor_largest_smallest(I, regions_of_color(I, 0), 1, 8)
