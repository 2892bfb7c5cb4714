# complete the figure's four-fold rotational symmetry about its best-fitting centre
O = complete_rotation_symmetry(I)
