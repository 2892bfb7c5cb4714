# copy the multicoloured shape centred onto the grey marker
x1 = largest(multicolor_objects_8(I))
O = stamp_centered(I, x1, 5)
