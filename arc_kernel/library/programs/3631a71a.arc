# restore the cells covered by 9 from the symmetry
O = complete_symmetry(I, 9)
