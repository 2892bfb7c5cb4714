# cells empty in both halves turn green
x1 = split_cells(I)
O = cells_nor(grid_at(x1, 0), grid_at(x1, 1), 3)
