# each red cell draws a line to the azure walls it faces, meeting them in an azure ring with a red centre
x1 = rays_to_color(I, 2, 8)
x2 = cells_and(keep_color(x1, 2), keep_color(I, 8), 9)
O = stamp_at(overlay(x1, x2), pad(canvas(1, 1, 2), 8), 9)
