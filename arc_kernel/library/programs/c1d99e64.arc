# empty rows and columns turn red
O = fill_uniform_lines(I, 0, 2)
