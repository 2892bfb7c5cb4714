# crop to the quadrant of the rarest colour
O = crop_to_color(I, least_common_color(I))
