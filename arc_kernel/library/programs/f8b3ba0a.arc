# the minority colours of the tiles by frequency, the commonest tile colour left out
O = column_of_colors(drop_first(colors_by_frequency(I)))
