# the loose corner cells shoot diagonal lines away from the block
O = ray_away(I, most_common_foreground(I), largest(objects_4(I)))
