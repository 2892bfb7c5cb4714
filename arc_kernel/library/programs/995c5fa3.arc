# each grey panel's hole pattern names a colour; the output lists them, one row per panel
x1 = objects_4_except(I, 0)
x2 = recolor_by(I, x1, corner_count, {4: 2, 2: 4, 0: 3})
x3 = recolor_by(x2, x1, hole_count, {1: 8})
O = resize(column_of_colors(object_colors(objects_4_except(x3, 0))), 3, 3)
