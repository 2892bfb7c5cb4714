# crop to the shape and double its size
O = upscale(crop_to_content(I), 2)
