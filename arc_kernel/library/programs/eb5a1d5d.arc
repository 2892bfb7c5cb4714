# collapse the nested rectangles to one cell per band
O = dedupe_columns(dedupe_rows(I))
