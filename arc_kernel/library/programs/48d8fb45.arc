# crop the shape marked by a grey cell
x1 = first_object(containing_color(multicolor_objects_8(I), 5))
O = crop_to_color(object_to_grid(x1), object_color(x1))
