# one 1 per blue 2x2 square, in a row of five
x1 = count_objects(with_size(with_color(objects_4(I), 1), 4))
O = pad_to_size(bar(x1, 1), 1, 5, 0)
