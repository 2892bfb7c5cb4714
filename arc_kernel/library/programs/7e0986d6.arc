# noise cells inside shapes take the shape's colour, the rest vanish
O = clean_noise_color(I, least_common_color(I))
