# rows whose two ends match are drawn through
O = connect_same_colors(I)
