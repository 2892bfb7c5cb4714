# join 8s in a row or column with 3
O = connect_cells(I, 8, 3)
