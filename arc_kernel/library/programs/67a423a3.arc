# ring the crossing of the two lines with yellow
O = fill_object(I, object_halo(line_crossings(I)), 4)
