# the grid is a repeated block: keep one copy
O = minimal_tile(I)
