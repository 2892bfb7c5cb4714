# keep the cell of the colour seen once and ring it with 2
x1 = paint_object(clear_grid(I), cells_of_color(I, least_common_color(I)))
O = halo_objects(x1, objects_4(x1), 2)
