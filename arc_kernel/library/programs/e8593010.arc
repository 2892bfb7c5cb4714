# black holes recoloured by size: 1 green, 2 red, 3 blue
O = recolor_by_size(I, regions_of_color(I, 0), {1: 3, 2: 2, 3: 1})
