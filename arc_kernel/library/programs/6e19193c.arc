# each corner piece shoots a diagonal line out of its open corner
O = rays_from_open_corners(I, objects_8(I))
