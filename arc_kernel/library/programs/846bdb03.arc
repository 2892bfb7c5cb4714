# the two-coloured shape is set between the bars of the frame, mirrored if needed so each colour faces its bar
x1 = crop_to_color(I, 4)
x2 = largest(multicolor_objects_4(I))
x3 = object_to_grid(x2)
x4 = equals(object_color(argmin_by(split_by_color(x2), left_column)), color_at(x1, 1, 0))
O = overlay(x1, pad(choose(x4, x3, flip_horizontal(x3)), 0))
