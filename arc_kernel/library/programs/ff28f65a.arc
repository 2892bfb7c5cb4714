# one blue mark per red square, laid out on every other cell of a 3x3 grid
x1 = tile(pad_to_size(canvas(1, 1, 1), 1, 2, 0), 1, count_objects(objects_4(I)))
O = reshape(x1, 3, 3)
