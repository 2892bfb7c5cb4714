# overlay the four quadrants, top-left on top
O = overlay_all(split_quadrants(I))
