# under each block hangs a green bar as tall as the block has colours
O = block_beside_by(I, multicolor_objects_8(I), 4, color_count, 3)
