# join azure cells that share a row or column
O = connect_cells(I, 8, 8)
