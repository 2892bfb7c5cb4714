# fill the space framed by each four yellow corners with red
x1 = connect_cells(I, 4, 9)
x2 = fill_interiors(x1, multicolor_objects_8(x1), 2)
O = replace_color(x2, 9, 0)
