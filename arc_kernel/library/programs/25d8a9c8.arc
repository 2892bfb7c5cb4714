# rows of one colour become 5, the others black
O = uniform_rows(I, 5)
