# the 2 and the far corner of the 3 block become two 4x4 blocks of 3 along the diagonal
x1 = keep_color(crop_to_content(I), 2)
x2 = upscale(replace_color(overlay(x1, rotate_180(x1)), 2, 3), 4)
x3 = cells_of_color(I, 3)
O = shift(pad_to_size(x2, 9, 9, 0), top_row(x3), left_column(x3))
