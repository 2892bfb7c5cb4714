# the grid mirrored across its main diagonal
O = transpose(I)
