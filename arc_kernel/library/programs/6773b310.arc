# a compartment holding two magenta cells becomes a blue cell
O = summarize_cells_by_count(I, {2: 1})
