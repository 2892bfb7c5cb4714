# fixed colour substitution
O = apply_color_map(I, {1: 5, 2: 6, 3: 4, 4: 3, 5: 1, 6: 2, 8: 9, 9: 8})
