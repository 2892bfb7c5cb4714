# each black cell cuts its colour band with a black line across the band
O = draw_across_regions(I, 0)
