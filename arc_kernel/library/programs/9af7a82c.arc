# a bar chart of the colours: one column per colour, the most frequent first, as tall as its count
O = color_histogram(I)
