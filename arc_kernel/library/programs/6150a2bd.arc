# the grid turned half a turn
O = rotate_180(I)
