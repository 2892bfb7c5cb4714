# crop to the largest shape
O = crop_to_object(I, largest(objects_8(I)))
