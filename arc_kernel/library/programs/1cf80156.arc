# crop to the shape
O = crop_to_content(I)
