# each top cell starts a zigzag down the grid
x1 = crop(I, 0, 0, 1, grid_width(I))
x2 = concat_vertical(x1, overlay(shift(x1, 0, 1), shift(x1, 0, -1)))
O = tile_to_size(x2, grid_height(I), grid_width(I))
