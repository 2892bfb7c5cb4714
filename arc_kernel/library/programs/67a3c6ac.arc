# the grid mirrored left to right
O = flip_horizontal(I)
