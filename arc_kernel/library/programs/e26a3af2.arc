# clean the stripes: each stripe takes its majority colour
O = denoise_stripes(I)
