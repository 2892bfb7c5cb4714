# mirror the shape four ways around the square block
O = mirror_around_object(I, largest(keep_if(objects_8(I), is_square)))
