# every coloured cell extends downwards to the bottom
O = extend_all_cells(I, 4)
