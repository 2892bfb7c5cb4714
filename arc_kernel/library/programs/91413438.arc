# the pattern is repeated once per coloured cell, in reading order, on a square of (black cells) × (black cells) slots
x1 = count_color(I, 0)
x2 = reshape(bar(subtract(9, x1), 1), x1, x1)
O = tile_by_mask(x2, I, 1)
