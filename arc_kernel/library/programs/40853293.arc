# join equal colours in a row or column (vertical lines on top)
O = connect_same_colors(I)
