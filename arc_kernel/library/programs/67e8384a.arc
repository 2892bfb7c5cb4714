# a 2x2 kaleidoscope of mirror images
O = mirror_tile(I)
