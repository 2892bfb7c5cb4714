# the lower half of each bar turns azure
O = fill_half(I, objects_4(I), 4, 8)
