# the colour key masked by the big shape shrunk to the key's size
x1 = multicolor_objects_8(I)
x2 = argmax_by(x1, color_count)
O = keep_where(object_to_grid(x2), resize(object_to_grid(largest(x1)), object_height(x2), object_width(x2)))
