# red lines rise from the bottom to the top, stepping one cell right round each grey cell in the way
O = ray_with_detours(I, 2, 0, 2)
