# the colours of the shapes from largest to smallest, in a column
O = column_of_colors(colors_by_frequency(I))
