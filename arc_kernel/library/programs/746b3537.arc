# collapse repeated rows and columns
O = dedupe_rows(dedupe_columns(I))
