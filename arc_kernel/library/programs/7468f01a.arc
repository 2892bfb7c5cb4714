# crop the picture and mirror it
O = flip_horizontal(crop_to_content(I))
