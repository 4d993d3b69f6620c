/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double red, green, blue, alpha;
} HdColour;

typedef struct {
  HdColour track;   /* the empty part (take it from the theme so dark mode works) */
  HdColour short_;  /* fill while the belt has fewer sites than the target */
  HdColour met;     /* fill once the target is reached */
  HdColour tick;    /* one tick per site, up to the target */
} HdBeltMeterColours;

/* Colours that read on a light background and in greyscale print (the two fills differ in
 * lightness, not only in hue). */
void   hd_belt_meter_default_colours (HdBeltMeterColours *colours,
                                      gboolean            dark);

/* The fraction of the meter filled: sites / target, clamped to 0..1 (1 for target <= 0). */
double hd_belt_meter_fraction        (int sites,
                                      int target);

/**
 * hd_belt_meter_draw:
 * @cr: where to draw, with the origin at the meter's top-left corner
 *
 * Draws a belt's "N of 8 sites" meter: a rounded track, the filled share, and a tick between
 * sites so a planner sees at a glance how many are missing. Pure Cairo: the same call draws in a
 * widget, a PNG or a PDF handout.
 */
void   hd_belt_meter_draw            (cairo_t                  *cr,
                                      double                    width,
                                      double                    height,
                                      int                       sites,
                                      int                       target,
                                      const HdBeltMeterColours *colours);

G_END_DECLS
