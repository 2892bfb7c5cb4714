# the quadrant that differs from the others
O = odd_one_out(split_quadrants(I))
