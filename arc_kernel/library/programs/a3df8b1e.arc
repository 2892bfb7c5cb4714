# a diagonal line bounces off the side walls from the blue cell upward
O = bounce_ray(I, 1, 1)
