# on the layout of divided cells, copy the pattern around each lone cell of the pattern's centre colour
x1 = summarize_cells(I, most_common_color)
x2 = multicolor_objects_8(x1)
O = fill_cells_from(I, stamp_centered(x1, largest(x2), object_color(smallest(x2))))
