# continue the repeating picture down to a 10-row square
O = extend_pattern_down(I, 10)
