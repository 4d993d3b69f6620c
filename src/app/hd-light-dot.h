/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-light.h"

G_BEGIN_DECLS

#define HD_TYPE_LIGHT_DOT (hd_light_dot_get_type ())
G_DECLARE_FINAL_TYPE (HdLightDot, hd_light_dot, HD, LIGHT_DOT, GtkWidget)

/* A small red / yellow / green light: a shape as well as a colour (see hd_light_glyph_draw()),
 * the colour from the CSS classes light-green etc. (style.css, dark variants in style-dark.css),
 * and the light with its reasons as tooltip and accessible label. */
GtkWidget      *hd_light_dot_new         (void);
HdLight         hd_light_dot_get_light   (HdLightDot     *self);
HdLightReasons  hd_light_dot_get_reasons (HdLightDot     *self);
void            hd_light_dot_set         (HdLightDot     *self,
                                          HdLight         light,
                                          HdLightReasons  reasons);

G_END_DECLS
