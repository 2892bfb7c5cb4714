# join same-coloured cells along each row
O = connect_same_colors(I)
