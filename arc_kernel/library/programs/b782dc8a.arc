# the two rarest colours spread through the black corridors in a checkerboard
x1 = reverse_colors(colors_by_frequency(I))
O = flood_checkerboard(I, nth_color(x1, 0), nth_color(x1, 1), 0)
