# the four cells get rings of the other colour, joined by dotted grey lines
x1 = drop_first(palette(I))
x2 = connect_dotted(I, 5)
O = surround_cells(x2, pair_colors(x1, reverse_colors(x1)))
