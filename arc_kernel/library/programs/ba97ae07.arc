# at the crossing of two bars, the interrupted bar comes to the top
O = connect_same_colors_over(I, object_color(unique_color_object(objects_4(I))))
