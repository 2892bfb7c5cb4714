# a copy of the grid at each red cell
O = tile_by_mask(I, I, 2)
