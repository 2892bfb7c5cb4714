# complete each L to its bounding square with 1
O = fill_bboxes(I, objects_4(I), 1)
