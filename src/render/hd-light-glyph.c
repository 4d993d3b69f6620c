/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-light-glyph"

#include <math.h>

#include "hd-light-glyph.h"

static void
glyph_path (cairo_t *cr,
            double   cx,
            double   cy,
            double   r,
            HdLight  light)
{
  switch (light)
    {
    case HD_LIGHT_YELLOW:
      /* A little larger than the disc so the two look the same weight, and moved down a
       * quarter of its radius so that its box (not its centroid) is centred. */
      r *= 1.15;
      cy += r / 4.0;
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx + r * 0.866, cy + r * 0.5);
      cairo_line_to (cr, cx - r * 0.866, cy + r * 0.5);
      cairo_close_path (cr);
      break;

    case HD_LIGHT_RED:
      cairo_move_to (cr, cx, cy - r);
      cairo_line_to (cr, cx + r, cy);
      cairo_line_to (cr, cx, cy + r);
      cairo_line_to (cr, cx - r, cy);
      cairo_close_path (cr);
      break;

    case HD_LIGHT_GREEN:
    case HD_LIGHT_GREY:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    }
}

void
hd_light_glyph_draw (cairo_t        *cr,
                     double          cx,
                     double          cy,
                     double          size,
                     HdLight         light,
                     const HdColour *fill,
                     const HdColour *outline)
{
  double line = MAX (1.0, size / 8.0);
  double r;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (fill != NULL);

  if (size <= 0)
    return;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Everything stays inside size × size: the outline and, for grey, the ring's own width. */
  r = size / 2.0 - (outline != NULL ? line : 0.0) - (light == HD_LIGHT_GREY ? line * 0.75 : 0.0);
  if (r <= 0)
    r = size / 2.0;

  /* The outline first and wider, so that it rings the shape without covering its colour. */
  if (outline != NULL)
    {
      glyph_path (cr, cx, cy, r, light);
      cairo_set_source_rgba (cr, outline->red, outline->green, outline->blue, outline->alpha);
      cairo_set_line_width (cr, line * 2.0 + (light == HD_LIGHT_GREY ? line : 0.0));
      cairo_stroke (cr);
    }

  glyph_path (cr, cx, cy, r, light);
  cairo_set_source_rgba (cr, fill->red, fill->green, fill->blue, fill->alpha);
  if (light == HD_LIGHT_GREY)
    {
      /* No data: a ring, not a dot. */
      cairo_set_line_width (cr, line * 1.5);
      cairo_stroke (cr);
    }
  else
    cairo_fill (cr);

  cairo_restore (cr);
}
