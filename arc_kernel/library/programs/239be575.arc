# azure when one connected group links both red squares, else black
x1 = containing_color(multicolor_objects_8(I), 2)
O = choose(equals(count_objects(x1), 1), canvas(1, 1, 8), canvas(1, 1, 0))
