# the top-left quarter's shape in the line colour, mirrored four ways
O = mirror_tile(recolor_foreground(grid_at(split_quadrants(I), 0), divider_color(I)))
