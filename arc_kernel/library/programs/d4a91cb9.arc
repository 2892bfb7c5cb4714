# join the 8 to the 2 by a yellow elbow line, down then across
O = connect_elbow(I, 2, 8, 4)
