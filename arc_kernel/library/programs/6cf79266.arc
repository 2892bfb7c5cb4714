# each empty 3x3 square in the noise becomes blue
O = recolor_objects(I, disjoint_occurrences(I, canvas(3, 3, 0)), 1)
