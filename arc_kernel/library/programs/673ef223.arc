# dots run to the upper wall and turn 4; the lower wall sends full 8 lines on the matching rows
x1 = with_color(objects_4(I), 2)
x2 = first_object(x1)
x3 = cells_of_color(I, 8)
x4 = fill_object(ray_toward(I, 8, x2), x3, 4)
x5 = move_object(clear_grid(I), x3, subtract(top_row(last_object(x1)), top_row(x2)), 0)
O = overlay(draw_rows_through(x5, 8), x4)
