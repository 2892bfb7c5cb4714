# every cell falls to the bottom
O = gravity_cells(I, 4)
