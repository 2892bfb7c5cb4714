# a copy of the grid at each cell of its most common colour
O = tile_by_mask(I, I, most_common_color(I))
