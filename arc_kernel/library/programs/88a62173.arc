# the quadrant that differs from the other three
O = odd_one_out(split_quadrants(I))
