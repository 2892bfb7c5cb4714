# cells set in exactly one half
O = cells_xor(top_half(I), bottom_half(I), 3)
