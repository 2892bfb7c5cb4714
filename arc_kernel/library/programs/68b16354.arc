# the grid mirrored top to bottom
O = flip_vertical(I)
