# complete every partial copy of the two-coloured figures
x1 = clusters(I, 1)
O = complete_translated_copies(I, keep_if(x1, is_multicolor), x1)
