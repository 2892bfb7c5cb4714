# restore the symmetric picture under the yellow patches
O = complete_symmetry(I, 4)
