# remove the covering rectangle and restore the figure's left-right symmetry
x1 = largest(keep_if(objects_4(I), is_solid_rectangle))
x2 = erase_object(I, x1)
O = complete_mirror_object(x2, cells_of_color(x2, most_common_foreground(x2)))
