# tallest bar blue, shortest red, others removed
x1 = objects_4(I)
O = fill_object(fill_object(clear_grid(I), largest(x1), 1), smallest(x1), 2)
