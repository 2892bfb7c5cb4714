# loose cells join the line of their colour; the others vanish
O = snap_cells_to_lines(I)
