# every object rises by its own height
O = move_by_own_size(I, objects_4(I), 0)
