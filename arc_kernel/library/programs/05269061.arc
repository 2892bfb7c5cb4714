# continue the diagonal stripes of three colours over the empty cells
O = complete_diagonal_periodic(I, 0)
