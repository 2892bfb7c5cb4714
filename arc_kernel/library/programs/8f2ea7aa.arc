# the shape becomes a fractal of itself
O = fractal(crop_to_content(I))
