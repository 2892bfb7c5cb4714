# 1 if the pattern is left-right symmetric, else 7
O = choose(is_symmetric_horizontal(I), canvas(1, 1, 1), canvas(1, 1, 7))
