# the colour at the centre of the ring
x1 = object_to_grid(largest(multicolor_objects_8(I)))
O = canvas(1, 1, least_common_color(x1))
