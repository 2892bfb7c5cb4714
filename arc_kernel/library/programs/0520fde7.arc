# cells set in both halves (either side of the separator) become 2
O = cells_and(left_half(I), right_half(I), 2)
