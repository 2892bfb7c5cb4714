# what the symmetric picture hides under the black patch
O = uncover_by_symmetry(I, 0)
