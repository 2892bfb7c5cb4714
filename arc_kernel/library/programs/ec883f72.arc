# diagonal lines of the inner block's colour leave the container's outer corners
x1 = objects_8(I)
O = corner_rays(I, singleton(argmax_by(x1, object_width)), object_color(argmin_by(x1, object_width)))
