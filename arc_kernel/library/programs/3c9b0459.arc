# half turn
O = rotate_180(I)
