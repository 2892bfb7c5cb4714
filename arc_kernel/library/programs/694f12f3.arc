# fill the inside of the larger box with 2 and the smaller one with 1
x1 = objects_4_except(I, 0)
x2 = fill_interiors(I, all_largest(x1), 2)
O = fill_interiors(x2, all_smallest(x1), 1)
