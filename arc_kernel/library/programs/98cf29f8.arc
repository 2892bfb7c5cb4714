# the shape on a stick drops its stick and slides to touch the other shape
x1 = erase_thin_parts(I, 2)
x2 = object_color(first_object(drop_if(objects_4(I), is_solid_rectangle)))
x3 = objects_4(x1)
O = move_until_contact(x1, first_object(with_color(x3, x2)), first_object(without_color(x3, x2)))
