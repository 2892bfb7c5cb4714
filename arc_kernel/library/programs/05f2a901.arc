# slide the 2 shape until it touches the 8 square
O = move_until_contact(I, cells_of_color(I, 2), cells_of_color(I, 8))
