# the colour of each cell between the dividing lines
O = summarize_cells(I, most_common_color)
