/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-belt-meter"

#include <math.h>

#include "hd-belt-meter.h"

void
hd_belt_meter_default_colours (HdBeltMeterColours *colours,
                               gboolean            dark)
{
  g_return_if_fail (colours != NULL);

  /* Red (短) is darker than green (达标) so the two stay apart when printed in grey. */
  *colours = (HdBeltMeterColours) {
    .track = dark ? (HdColour) { 1, 1, 1, 0.15 } : (HdColour) { 0, 0, 0, 0.12 },
    .short_ = dark ? (HdColour) { 0.96, 0.38, 0.32, 1 } : (HdColour) { 0.75, 0.11, 0.16, 1 },
    .met = dark ? (HdColour) { 0.56, 0.87, 0.54, 1 } : (HdColour) { 0.18, 0.62, 0.25, 1 },
    .tick = dark ? (HdColour) { 0, 0, 0, 0.45 } : (HdColour) { 1, 1, 1, 0.8 },
  };
}

double
hd_belt_meter_fraction (int sites,
                        int target)
{
  if (target <= 0)
    return 1.0;
  return CLAMP ((double) sites / (double) target, 0.0, 1.0);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
set_colour (cairo_t        *cr,
            const HdColour *c)
{
  cairo_set_source_rgba (cr, c->red, c->green, c->blue, c->alpha);
}

void
hd_belt_meter_draw (cairo_t                  *cr,
                    double                    width,
                    double                    height,
                    int                       sites,
                    int                       target,
                    const HdBeltMeterColours *colours)
{
  HdBeltMeterColours defaults;
  double fraction;
  double radius = height / 2.0;

  g_return_if_fail (cr != NULL);

  if (width <= 0 || height <= 0)
    return;
  if (colours == NULL)
    {
      hd_belt_meter_default_colours (&defaults, FALSE);
      colours = &defaults;
    }

  fraction = hd_belt_meter_fraction (sites, target);

  cairo_save (cr);
  rounded_rect (cr, 0, 0, width, height, radius);
  set_colour (cr, &colours->track);
  cairo_fill_preserve (cr);
  cairo_clip (cr);

  if (fraction > 0)
    {
      cairo_rectangle (cr, 0, 0, width * fraction, height);
      set_colour (cr, sites >= target ? &colours->met : &colours->short_);
      cairo_fill (cr);
    }

  /* Ticks between site slots, only while there are few enough to tell apart. */
  if (target > 1 && width / target >= 4.0)
    {
      set_colour (cr, &colours->tick);
      cairo_set_line_width (cr, 1.0);
      for (int i = 1; i < target; i++)
        {
          double x = round (width * i / target) + 0.5;

          cairo_move_to (cr, x, 0);
          cairo_line_to (cr, x, height);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
