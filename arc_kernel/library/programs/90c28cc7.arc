# one cell per colour block
O = dedupe_columns(dedupe_rows(crop_to_content(I)))
