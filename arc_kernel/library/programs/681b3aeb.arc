# slide the two pieces together into a solid rectangle
x1 = objects_4(I)
O = fit_together(first_object(x1), last_object(x1))
