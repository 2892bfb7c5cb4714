# copy the drawing into every panel between the yellow lines
O = merge_panels(I)
