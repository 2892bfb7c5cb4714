# a blue line bounces up from the corner; the rest turns 8
O = replace_color(bounce_ray(I, 1, 1), 0, 8)
