# scale the grid up by two
O = upscale(I, 2)
