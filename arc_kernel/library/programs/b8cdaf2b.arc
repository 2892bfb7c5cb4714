# diagonal lines of the cup's rarest colour rise outward from the top corners of its topmost part
O = corner_rays(I, singleton(first_object(objects_4(I))), least_common_color(I))
