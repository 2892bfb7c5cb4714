# join same-coloured compartments along rows and columns, over the black cells only
O = connect_same_colors_over(I, 0)
