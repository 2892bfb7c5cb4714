# each cell takes its dot's colour shifted by five
O = fill_cells(apply_color_map(I, {1: 6, 2: 7, 3: 8, 4: 9}), least_common_color)
