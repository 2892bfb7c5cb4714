# surround every 5 with 1
O = surround_cells(I, {5: 1})
