# on a grid twice as big, every cell extends diagonally down-right
x1 = paint_object(canvas(6, 6, 0), grid_to_object(I))
O = extend_all_cells(x1, 3)
