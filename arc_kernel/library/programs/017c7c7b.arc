# recolour 1 to 2 and continue the vertical period to 9 rows
O = tile_to_size(minimal_tile(replace_color(I, 1, 2)), 9, 3)
