# one colour: top row; two colours: diagonal; three: anti-diagonal
x1 = count_colors(I)
x2 = diagonal_grid(3, 5)
x3 = choose(equals(x1, 2), x2, flip_horizontal(x2))
O = choose(equals(x1, 1), concat_vertical(bar(3, 5), canvas(2, 3, 0)), x3)
