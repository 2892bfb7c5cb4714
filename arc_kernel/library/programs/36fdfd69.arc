# fill the box of each loose red cluster with yellow, keeping the red cells
x1 = clusters_of_color(I, 2, 1)
x2 = recolor_objects(I, transform_objects(x1, filled_bounding_box), 4)
O = paint_objects(x2, x1)
