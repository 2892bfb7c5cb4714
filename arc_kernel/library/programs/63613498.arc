# shapes shaped like the one in the corner pen turn grey
x1 = objects_4(I)
x2 = argmin_by(without_color(x1, 5), right_column)
O = recolor_objects(I, same_shape_as(x1, x2), 5)
