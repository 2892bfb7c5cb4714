# fold the five-by-seven grid onto a three-by-three
x1 = overlay(left_half(I), right_half(I))
O = overlay(crop(x1, 0, 0, 3, 3), crop(x1, 2, 0, 3, 3))
