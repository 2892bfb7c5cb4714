# move each figure onto the loose cells that match its colours, turned to fit
x1 = larger_than(multicolor_objects_8(I), 3)
O = copy_onto_anchors(erase_objects(I, x1), x1)
