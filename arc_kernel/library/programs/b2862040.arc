# shapes with a hole become cyan
O = recolor_if(I, objects_4(I), has_hole, 8)
