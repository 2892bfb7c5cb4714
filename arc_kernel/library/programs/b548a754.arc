# the box stretches until it covers the lone marker cell
x1 = multicolor_objects_8(I)
O = stretch_to_cover(I, largest(x1), smallest(x1))
