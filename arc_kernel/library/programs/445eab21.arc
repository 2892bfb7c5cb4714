# 2x2 square of the colour of the biggest frame
O = canvas(2, 2, most_common_foreground(I))
