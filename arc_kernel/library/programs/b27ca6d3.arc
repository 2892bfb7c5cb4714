# box each pair with green
O = outline_objects(I, with_size(objects_4(I), 2), 3)
