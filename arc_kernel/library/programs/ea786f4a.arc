# draw both diagonals through the black centre cell in black
x1 = ray_to_border(ray_to_border(I, 0, 1), 0, 5)
x2 = ray_to_border(ray_to_border(I, 0, 3), 0, 7)
O = overlay(x1, x2)
