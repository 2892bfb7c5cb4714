# the colour of the shape with a hole
O = canvas(1, 1, object_color(first_where(objects_4(I), has_hole)))
