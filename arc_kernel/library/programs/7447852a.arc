# from the left, every third empty region of the zigzag becomes 4
O = recolor_every_nth(I, sort_objects_by(regions_of_color(I, 0), left_column), 3, 4)
