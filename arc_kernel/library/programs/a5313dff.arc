# fill enclosed background with blue
O = fill_enclosed(I, 1)
