# the upside-down grid stacked on the grid
O = concat_vertical(flip_vertical(I), I)
