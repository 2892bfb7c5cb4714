# transpose
O = transpose(I)
