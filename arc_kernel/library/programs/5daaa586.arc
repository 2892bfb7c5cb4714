# crop to the four lines; each dot runs to the line of its own colour
x1 = crop_to_object(I, line_crossings(I))
x2 = most_common_foreground(x1)
x3 = largest(with_color(objects_4(x1), x2))
O = ray_toward(x1, x2, x3)
