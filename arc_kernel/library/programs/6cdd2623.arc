# keep the rarest colour and join its cells on opposite edges by lines
x1 = least_common_color(I)
O = connect_edge_pairs(keep_color(I, x1), x1)
