# copy the boxed pattern of 4s, turned or mirrored, onto every matching group of loose 4s
O = copy_onto_anchors(I, singleton(box_contents(I, cells_of_color(I, 1))))
