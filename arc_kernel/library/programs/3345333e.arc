# the block hides part of a mirror-symmetric shape: restore it by symmetry
O = complete_symmetry(I, least_common_color(I))
