# each dot becomes a 4x4 block on a doubled grid
O = upscale(downscale(shift(I, -1, -1), 2), 4)
