# grey rectangles become framed: yellow edges, red inside, blue corners
x1 = objects_4_except(I, 0)
O = fill_corners(fill_interiors(recolor_objects(I, x1, 4), x1, 2), x1, 1)
