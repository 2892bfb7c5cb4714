# drag the block to the border in the direction of each of its red cells
O = sweep_toward_markers(I, multicolor_objects_8(I), 2)
