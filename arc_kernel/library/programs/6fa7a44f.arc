# the grid followed below by its mirror image
O = mirror_down(I)
