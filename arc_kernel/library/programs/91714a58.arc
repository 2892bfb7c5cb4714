# keep only the largest solid rectangle
O = paint_object(clear_grid(I), largest_rectangle(I, 0))
