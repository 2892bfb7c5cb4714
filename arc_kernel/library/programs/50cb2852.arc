# fill the inside of every rectangle with 8
O = fill_interiors(I, objects_4(I), 8)
