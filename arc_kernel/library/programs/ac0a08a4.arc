# scale up by the number of colours
O = upscale(I, decrement(count_colors(I)))
