# complete each partial copy of the full figure in its own orientation
x1 = multicolor_objects_8(I)
O = complete_copies(I, largest(x1), x1)
