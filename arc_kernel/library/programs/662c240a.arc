# of the three stacked squares, the one not symmetric about its diagonal
O = first_grid_where_not(split_rows(I, 3), is_symmetric_diagonal)
