# recolour the bars by length rank: longest blue, then yellow, then red
O = recolor_by_size_rank(I, objects_4(I), {1: 1, 2: 4, 3: 2})
