# crop inside the four corner marks and paint the content the marks colour
x1 = least_common_color(I)
O = recolor_nonzero(trim_border(crop_to_color(I, x1)), x1)
