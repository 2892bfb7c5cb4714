# recolour the shape with the corner cell's colour, remove the corner cell
x1 = least_common_color(I)
O = recolor_foreground(erase_color(I, x1), x1)
