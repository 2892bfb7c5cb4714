# the colours of the largest objects, left to right, as columns as tall as those objects are big
x1 = sort_objects_by(all_largest(objects_8(I)), left_column)
O = tile(row_of_colors(object_colors(x1)), size(first_object(x1)), 1)
