# mirror the grid into a 2x2 kaleidoscope
O = mirror_tile(I)
