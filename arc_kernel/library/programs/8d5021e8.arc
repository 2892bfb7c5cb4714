# mirror each row leftwards, then stack flipped/plain/flipped copies
x1 = flip_vertical(concat_horizontal(flip_horizontal(I), I))
O = concat_vertical(mirror_down(x1), x1)
