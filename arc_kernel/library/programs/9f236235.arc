# one cell per block of the divided grid, mirrored left to right
O = flip_horizontal(downscale_blocks(remove_lines(I, divider_color(I))))
