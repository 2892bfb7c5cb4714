# lay the part below the divider over the part above it
O = overlay(top_half(I), bottom_half(I))
