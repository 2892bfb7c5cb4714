# crop the square and swap its two colours
x1 = crop_to_content(I)
O = swap_colors(x1, most_common_color(x1), least_common_color(x1))
