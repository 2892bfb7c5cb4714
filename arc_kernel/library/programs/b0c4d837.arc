# one azure cell, in a zigzag on a 3x3 grid, for each empty row left in the grey container above the azure level
x1 = subtract(decrement(object_height(cells_of_color(I, 5))), object_height(cells_of_color(I, 8)))
O = reshape_zigzag(bar(x1, 8), 3, 3)
