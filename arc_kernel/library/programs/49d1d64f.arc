# frame the grid by repeating its edge cells, black corners
O = pad_replicate(I, 0)
