# each coloured cell becomes a copy of the whole grid
O = fractal(I)
