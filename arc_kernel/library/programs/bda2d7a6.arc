# concentric rings: each ring takes the colour of the ring inside the previous one (colours cycle outward)
x1 = colors_in_reading_order(I)
O = apply_color_map(I, pair_colors(x1, rotate_colors(x1, -1)))
