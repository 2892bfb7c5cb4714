# fold the right half over the left half along the grey line
O = overlay(left_half(I), flip_horizontal(right_half(I)))
