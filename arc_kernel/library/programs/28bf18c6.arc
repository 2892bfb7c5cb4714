# the shape, cropped, twice side by side
O = tile(crop_to_content(I), 1, 2)
