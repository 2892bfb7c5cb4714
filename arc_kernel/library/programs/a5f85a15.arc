# every second cell of each diagonal line turns yellow
O = recolor_every_other(I, objects_8(I), 4)
