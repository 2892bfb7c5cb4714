# frame the grid with colour 8
O = draw_border(I, 8)
