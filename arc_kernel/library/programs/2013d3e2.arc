# top-left quarter of the symmetric figure
O = top_half(left_half(crop_to_content(I)))
