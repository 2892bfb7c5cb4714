# the four-cell shapes of each colour are laid over one another, centred
O = stack_centered(color_partition(I), most_common_color(I))
