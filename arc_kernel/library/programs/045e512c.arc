# repeat the largest shape towards each marker piece, in the marker's colour, to the border
x1 = objects_8(I)
O = repeat_toward_markers(I, largest(x1), x1)
