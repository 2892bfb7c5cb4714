# each colour's cells span a filled rectangle
O = map_objects(I, color_partition(I), filled_bounding_box)
