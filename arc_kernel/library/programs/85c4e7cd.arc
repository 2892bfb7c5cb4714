# concentric rings: the order of the ring colours is reversed
x1 = colors_in_reading_order(I)
O = apply_color_map(I, pair_colors(x1, reverse_colors(x1)))
