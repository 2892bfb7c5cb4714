# closed loops turn green
O = recolor_if(I, objects_4(I), has_hole, 3)
