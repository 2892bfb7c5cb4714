# complete the dashed lines of the 1 frame with 2
O = complete_dense_lines(I, 1, 2)
