# mirror the top stripes onto the bottom
O = overlay(I, flip_vertical(I))
