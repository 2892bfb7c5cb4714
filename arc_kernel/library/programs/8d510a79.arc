# red cells reach for the grey wall, blue cells reach away from it
x1 = cells_of_color(I, 5)
O = ray_away(ray_toward(I, 2, x1), 1, x1)
