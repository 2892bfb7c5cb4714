# every colour but the majority becomes grey
O = recolor_foreground(I, 5)
