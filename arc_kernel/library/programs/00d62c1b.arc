# enclosed background cells become 4
O = fill_enclosed(I, 4)
