# repeat the band of pattern up and down the whole grid
O = repeat_content(I)
