# diagonal lines through the single cell
x1 = cells_of_color(I, least_common_color(I))
x2 = object_color(x1)
x3 = object_rays(object_rays(I, x1, 1, x2), x1, 3, x2)
O = object_rays(object_rays(x3, x1, 5, x2), x1, 7, x2)
