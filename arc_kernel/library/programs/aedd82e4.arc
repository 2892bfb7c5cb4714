# lone red cells become blue
O = recolor_by_size(I, objects_4_except(I, 0), {1: 1})
