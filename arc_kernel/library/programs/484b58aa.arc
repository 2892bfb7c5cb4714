# fill the holes from the repeating pattern
O = complete_tiling(I, 0)
