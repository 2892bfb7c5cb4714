# the inside of the largest frame
O = trim_border(crop_to_object(I, largest(objects_4(I))))
