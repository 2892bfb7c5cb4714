# bars coloured by height rank
O = recolor_by_size_rank(I, objects_4(I), {1: 1, 2: 2, 3: 3, 4: 4})
