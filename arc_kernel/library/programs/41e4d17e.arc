# draw a magenta row and column through the centre of each square
O = draw_cross_through(mark_centers(I, objects_4(I), 6), 6)
