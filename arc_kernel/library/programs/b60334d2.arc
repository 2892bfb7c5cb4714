# each grey cell becomes a ring: blue edges, grey corners, empty centre
x1 = objects_4(I)
O = erase_objects(mark_outer_corners(halo_objects(I, x1, 1), x1, 5, 5, 5, 5), x1)
