# hollow out each rectangle
O = fill_interiors(I, objects_4(I), 0)
