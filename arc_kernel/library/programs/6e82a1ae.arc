# recolour shapes by size: 4 cells blue, 3 red, 2 green
O = recolor_by_size(I, objects_4(I), {4: 1, 3: 2, 2: 3})
