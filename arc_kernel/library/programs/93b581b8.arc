# each colour of the 2x2 block fills a 2x2 square beyond the diagonally opposite corner
x1 = crop_to_content(I)
x2 = upscale(rotate_180(x1), 2)
x3 = concat_horizontal(concat_horizontal(left_half(x2), canvas(4, 2, 0)), right_half(x2))
x4 = concat_vertical(concat_vertical(top_half(x3), canvas(2, 6, 0)), bottom_half(x3))
x5 = first_object(multicolor_objects_8(I))
x6 = pad_to_size(x4, grid_height(I), grid_width(I), 0)
O = overlay(I, shift(x6, subtract(top_row(x5), 2), subtract(left_column(x5), 2)))
