# the blue square shoots up-left, the red square down-right
x1 = ray_from_tip(I, cells_of_color(I, 1), 7, 1)
O = ray_from_tip(x1, cells_of_color(I, 2), 3, 2)
