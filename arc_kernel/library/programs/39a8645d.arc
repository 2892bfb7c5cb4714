# the shape that appears most often
O = crop_to_object(I, first_object(with_common_shape(objects_8(I))))
