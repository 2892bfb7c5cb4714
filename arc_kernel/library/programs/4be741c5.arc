# the colours of the stripes in order
O = dedupe_rows(dedupe_columns(denoise_stripes(I)))
