# box each shape in green and fill its holes with yellow
x1 = objects_4(I)
O = fill_holes(outline_objects(I, x1, 3), x1, 4)
