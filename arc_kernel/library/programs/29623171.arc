# fill the compartments holding the most coloured cells, clear the rest
O = fill_fullest_cells(I)
