# join blue cells that share a row or column with azure lines
O = connect_cells(I, 1, 8)
