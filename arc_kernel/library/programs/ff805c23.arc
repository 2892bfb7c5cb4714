# recover what the blue patch hides from the grid's symmetry
O = uncover_by_symmetry(I, 1)
