# each row takes a colour given by the column of its grey cell
x1 = recolor_by(I, objects_4(I), left_column, {0: 2, 1: 4, 2: 3})
O = extend_over(extend_over(x1, 0, 2), 0, 6)
