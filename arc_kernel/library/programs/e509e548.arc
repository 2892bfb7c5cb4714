# lines with one bend turn blue, two bends magenta, branching ones red
x1 = objects_4(I)
x2 = recolor_by(I, x1, corner_count, {1: 1, 2: 6})
O = recolor_by(x2, x1, branch_count, {1: 2, 2: 2, 3: 2})
