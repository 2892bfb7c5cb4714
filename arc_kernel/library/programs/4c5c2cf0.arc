# mirror the shape four ways around the symmetric shape
O = mirror_around_object(I, first_where(objects_8(I), is_mirror_symmetric))
