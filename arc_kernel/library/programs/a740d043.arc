# crop the shape off its blue background, blue becomes black
O = replace_color(crop_to_content(I), 1, 0)
