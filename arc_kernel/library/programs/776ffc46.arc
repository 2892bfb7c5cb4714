# objects shaped like a walled-in template take the template's colour
x1 = objects_4(I)
O = recolor_like_templates(I, x1, enclosed_objects(I, x1))
