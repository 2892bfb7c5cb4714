# paint the largest black rectangle at least two cells thick magenta
O = fill_object(I, largest_rectangle_of(I, 0, 2), 6)
