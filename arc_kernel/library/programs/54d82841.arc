# under each cup's opening, mark the bottom row yellow
x1 = paint_mapped(clear_grid(I), objects_8(I), bounding_box_gaps)
O = overlay(I, recolor_nonzero(gravity_cells(x1, 4), 4))
