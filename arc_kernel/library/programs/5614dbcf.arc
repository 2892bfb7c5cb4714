# remove the grey noise and shrink the 3x3 blocks to cells
O = downscale(erase_color(I, 5), 3)
