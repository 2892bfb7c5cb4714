# cells empty in both halves turn red
O = cells_nor(top_half(I), bottom_half(I), 2)
