# the grid followed by its mirror image
O = mirror_right(I)
