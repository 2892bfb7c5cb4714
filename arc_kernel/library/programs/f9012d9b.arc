# recover the pattern hidden under the black patch from the grid's period
O = uncover_by_tiling(I, 0)
