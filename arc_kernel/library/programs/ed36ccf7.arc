# rotate a quarter turn counter-clockwise
O = rotate_270(I)
