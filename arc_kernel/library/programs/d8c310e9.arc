# continue each row's repeating pattern to the right edge
O = complete_rows_periodic(I, 0)
