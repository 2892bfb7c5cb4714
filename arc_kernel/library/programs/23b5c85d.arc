# crop to the smallest rectangle
O = crop_to_object(I, smallest(objects_4(I)))
