# stack the four quadrants with a fixed priority
x1 = split_quadrants(I)
O = overlay_nonzero(overlay_nonzero(overlay_nonzero(grid_at(x1, 0), grid_at(x1, 3)), grid_at(x1, 2)), grid_at(x1, 1))
