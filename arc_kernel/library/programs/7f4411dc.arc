# keep only cells that belong to solid blocks; loose noise cells vanish
O = keep_objects(I, occurrences(I, canvas(2, 2, most_common_foreground(I))))
