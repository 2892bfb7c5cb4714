# fill the open box with 8 and let it leak out of the gap
O = rays_four_ways(underfill_bbox(I, largest(objects_4(I)), 8), 8)
