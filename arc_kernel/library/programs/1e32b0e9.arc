# the top-left compartment shape is traced, in the divider colour, into every other compartment
x1 = recolor_nonzero(tile_to_size(crop(I, 0, 0, 6, 6), 17, 17), divider_color(I))
O = overlay(x1, I)
