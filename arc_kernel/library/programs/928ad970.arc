# draw a box in the shape's colour just inside the four grey markers
x1 = object_outline(object_interior(filled_bounding_box(cells_of_color(I, 5))))
O = underpaint_object(I, recolor_object(x1, most_common_foreground(I)))
