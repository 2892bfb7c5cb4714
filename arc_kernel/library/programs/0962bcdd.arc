# each plus grows: its centre colour runs out along the diagonals and its arms grow one cell
x1 = palette(keep_color(I, least_common_color(I)))
x2 = pair_colors(x1, x1)
x3 = palette(keep_color(I, most_common_foreground(I)))
O = surround_diagonal(surround_orthogonal(surround_diagonal(I, x2), pair_colors(x3, x3)), x2)
