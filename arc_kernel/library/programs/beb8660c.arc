# push the bars right and stack them by length, longest at the bottom
O = sort_rows_by_count(gravity_cells(I, 2))
