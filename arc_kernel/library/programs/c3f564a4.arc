# fill the black holes by continuing the periodic pattern
O = complete_tiling(I, 0)
