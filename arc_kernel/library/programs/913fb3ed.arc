# surround each coloured cell with a ring of its partner colour
O = surround_cells(I, {3: 6, 8: 4, 2: 1})
