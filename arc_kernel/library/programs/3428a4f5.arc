# cells set in exactly one half become 3
O = cells_xor(top_half(I), bottom_half(I), 3)
