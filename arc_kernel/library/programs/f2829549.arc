# cells empty in both halves turn green
O = cells_nor(left_half(I), right_half(I), 3)
