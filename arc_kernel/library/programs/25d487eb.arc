# shoot a line of the odd cell's colour from it through the shape's point to the border
O = ray_through_bulk(I, multicolor_objects_8(I))
