# objects slide vertically to line up their tops with the blue object
x1 = objects_8(I)
O = align_to_object(I, x1, first_object(with_color(x1, 1)), 0)
