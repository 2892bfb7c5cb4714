# the grid and its three rotations arranged clockwise in a 2x2 square
O = concat_vertical(concat_horizontal(I, rotate_90(I)), concat_horizontal(rotate_270(I), rotate_180(I)))
