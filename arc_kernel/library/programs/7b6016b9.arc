# enclosed areas turn red, the open background green
O = replace_color(fill_enclosed(I, 2), 0, 3)
