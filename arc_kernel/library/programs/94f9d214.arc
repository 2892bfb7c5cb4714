# mark cells empty in both halves
O = cells_nor(top_half(I), bottom_half(I), 2)
