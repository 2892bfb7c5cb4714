# cells slide up until they stack
O = gravity_cells(I, 0)
