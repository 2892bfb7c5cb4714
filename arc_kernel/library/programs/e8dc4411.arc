# the shape repeats in the marker's colour from the marker outward to the border
x1 = objects_8(I)
O = repeat_through_marker(I, largest(x1), smallest(x1))
