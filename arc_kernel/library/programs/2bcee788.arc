# mirror the shape across the side where the red marker sits, on a green background
x1 = objects_8(I)
x2 = mirror_onto_marker(I, first_object(without_color(x1, 2)), first_object(with_color(x1, 2)))
O = fill_background(x2, 3)
