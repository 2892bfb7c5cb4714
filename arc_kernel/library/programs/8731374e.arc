# crop to the big noisy one-colour rectangle and draw full lines through its odd cells
x1 = crop_to_object(I, densest_rectangle(I))
O = draw_cross_through(x1, least_common_color(x1))
