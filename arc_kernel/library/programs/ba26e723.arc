# every third column (starting with the first) turns its yellow cells magenta
O = replace_color_in_columns(I, 3, 4, 6)
