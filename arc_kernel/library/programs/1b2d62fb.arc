# cells empty in both halves become 8
O = cells_nor(left_half(I), right_half(I), 8)
