# bridge the two blocks with azure, one cell narrower at each side
x1 = objects_4(I)
O = fill_gap(I, first_object(x1), last_object(x1), 8, 1)
