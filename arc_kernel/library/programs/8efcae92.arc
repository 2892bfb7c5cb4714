# crop the shape with the most red marks
O = crop_to_object(I, argmax_by(multicolor_objects_8_except(I, 0), minority_size))
