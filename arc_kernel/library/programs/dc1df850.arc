# surround every red cell with blue
O = surround_cells(I, {2: 1})
