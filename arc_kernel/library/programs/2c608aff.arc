# cells in line with the big rectangle draw a line to it
O = rays_toward_object(I, largest(objects_4(I)))
