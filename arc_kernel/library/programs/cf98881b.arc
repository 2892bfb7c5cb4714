# stack the three panels, the leftmost on top
O = overlay_all(split_columns(I, 3))
