# inside the box spanned by the 8s every other cell becomes 3
x1 = cells_of_color(I, 8)
O = paint_object(fill_bbox(I, x1, 3), x1)
