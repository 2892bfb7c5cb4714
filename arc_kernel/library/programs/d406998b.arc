# grey cells in every other column, counted from the right, become green
O = flip_horizontal(replace_color_in_columns(flip_horizontal(I), 2, 5, 3))
