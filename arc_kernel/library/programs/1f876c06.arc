# join same-coloured cells along diagonals
O = connect_diagonals(I)
