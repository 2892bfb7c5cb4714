# 2 gets diagonal 4s, 1 gets orthogonal 7s
O = surround_orthogonal(surround_diagonal(I, {2: 4}), {1: 7})
