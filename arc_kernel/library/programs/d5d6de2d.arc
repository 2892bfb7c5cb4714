# fill the boxes' holes with green and remove the boxes
x1 = fill_holes(I, objects_4(I), 3)
O = replace_color(x1, 2, 0)
