# colour the pattern quadrant by quadrant with the 2x2 key
x1 = split_cells(I)
O = keep_where(upscale(argmin_grid(x1, grid_area), 3), argmax_grid(x1, grid_area))
