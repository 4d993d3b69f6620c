/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "hd-belt-meter.h"
#include "hd-light.h"

G_BEGIN_DECLS

/**
 * hd_light_glyph_draw:
 * @cr: where to draw
 * @cx: (in user units): the centre
 * @cy: the centre
 * @size: the glyph's width and height
 * @light: which light
 * @fill: the light's colour (take it from the theme so dark mode works)
 * @outline: (nullable): a ring around the glyph so it reads on any background; %NULL for none
 *
 * Draws a red / yellow / green light as a shape as well as a colour, so that it reads without
 * colour vision and in greyscale print: green a disc, yellow a triangle (a warning), red a
 * diamond, grey (never inspected) an empty ring. The same call draws in a list row, on the map
 * and on a handout page.
 */
void hd_light_glyph_draw (cairo_t        *cr,
                          double          cx,
                          double          cy,
                          double          size,
                          HdLight         light,
                          const HdColour *fill,
                          const HdColour *outline);

G_END_DECLS
