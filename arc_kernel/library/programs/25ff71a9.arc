# the picture moves down one row
O = shift(I, 1, 0)
