# join horizontal pairs of blue cells with red
O = connect_in_rows(I, 1, 2)
