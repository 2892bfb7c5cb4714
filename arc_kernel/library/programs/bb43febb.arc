# fill rectangle interiors with red
O = fill_interiors(I, objects_4_except(I, 0), 2)
