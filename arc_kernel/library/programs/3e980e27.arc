# lone anchor cells grow into copies of the figure holding their colour: green ones as is, red ones mirrored
x1 = multicolor_objects_8(I)
x2 = larger_than(x1, 1)
x3 = complete_translated_copies(I, containing_color(x2, 3), x1)
O = complete_translated_copies(x3, transform_objects(containing_color(x2, 2), mirror_object), x1)
