# the colour of the region sprinkled with the most noise cells
x1 = least_common_color(I)
x2 = grid_with_most_color(crop_objects(I, objects_4_except(I, x1)), x1)
O = canvas(1, 1, most_common_color(x2))
