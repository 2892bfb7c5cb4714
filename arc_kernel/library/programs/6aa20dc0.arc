# copy the figure, turned and scaled, onto each set of blocks matching its marker colours
O = copy_onto_anchors(I, keep_if(multicolor_objects_8(I), is_multicolor))
