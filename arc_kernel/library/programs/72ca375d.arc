# crop the shape that is mirror-symmetric
O = object_to_grid(first_where(objects_8(I), is_mirror_symmetric))
