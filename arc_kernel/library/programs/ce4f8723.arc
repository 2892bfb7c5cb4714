# cells set in either half (above and below the divider) turn green
O = cells_or(top_half(I), bottom_half(I), 3)
