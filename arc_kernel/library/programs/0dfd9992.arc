# complete the periodic pattern under the holes
O = complete_tiling(I, 0)
