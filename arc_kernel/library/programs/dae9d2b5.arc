# cells set in either half turn magenta
O = cells_or(left_half(I), right_half(I), 6)
