# the shape of 3x3 blocks drawn as a fractal of itself
O = fractal(downscale(crop_to_content(I), 3))
