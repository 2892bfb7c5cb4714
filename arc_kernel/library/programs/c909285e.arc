# crop to the frame whose colour appears nowhere else
O = crop_to_object(I, unique_color_object(objects_4(I)))
