# mirror the bottom half onto the top
O = overlay(I, flip_vertical(I))
