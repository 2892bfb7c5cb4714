# crop the shape holding an 8 and paint the 8 in the shape's colour
x1 = first_object(containing_color(multicolor_objects_8(I), 8))
O = replace_color(object_to_grid(x1), 8, object_color(x1))
