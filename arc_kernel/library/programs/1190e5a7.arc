# one background cell per compartment between the lines
O = remove_lines(dedupe_columns(dedupe_rows(I)), least_common_color(I))
