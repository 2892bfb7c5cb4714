# stamp the top-left 3x3 pattern on every 1 marker
O = stamp_at(I, crop(I, 0, 0, 3, 3), 1)
