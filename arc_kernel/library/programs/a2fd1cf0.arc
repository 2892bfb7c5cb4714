# join red to green by an elbow of azure: along red's row, then down green's column
O = connect_elbow(I, 2, 3, 8)
