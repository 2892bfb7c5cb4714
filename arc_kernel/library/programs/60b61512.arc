# complete each shape's bounding box with orange
O = fill_bboxes(I, objects_8(I), 7)
