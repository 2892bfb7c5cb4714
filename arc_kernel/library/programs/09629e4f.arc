# the compartment with the fewest marks, blown up onto the compartments
O = fill_cells_from(I, argmin_grid(split_cells(I), count_foreground))
