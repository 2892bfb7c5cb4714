# the whole grid in its most common colour
O = canvas(grid_height(I), grid_width(I), most_common_color(I))
