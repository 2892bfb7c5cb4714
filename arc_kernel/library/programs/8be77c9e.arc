# mirror the grid downwards
O = mirror_down(I)
