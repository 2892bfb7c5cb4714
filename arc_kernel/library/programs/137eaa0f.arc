# gather the pieces around each grey cell into one 3x3 picture
O = overlay_windows_at(I, 5, 1)
