# repeat the cross's two coloured runs along their row and column
O = repeat_segments(I)
