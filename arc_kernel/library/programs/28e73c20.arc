# draw a green square spiral inward from the top-left corner
O = draw_spiral(I, 3)
