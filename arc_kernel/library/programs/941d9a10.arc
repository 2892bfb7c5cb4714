# first cell blue, middle cell red, last cell green
x1 = cell_objects(I)
x2 = fill_object(I, first_object(x1), 1)
x3 = fill_object(x2, nth_object(x1, halve(count_objects(x1))), 2)
O = fill_object(x3, last_object(x1), 3)
