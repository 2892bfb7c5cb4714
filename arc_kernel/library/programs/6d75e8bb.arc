# complete the shape's bounding box with red
O = fill_bboxes(I, objects_8(I), 2)
