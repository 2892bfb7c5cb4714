# scale by three
O = upscale(I, 3)
