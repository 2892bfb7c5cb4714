# a bar as long as the number of coloured cells, in their colour
x1 = merge_objects(multicolor_objects_8_except(I, 0))
O = bar(size(x1), object_color(x1))
