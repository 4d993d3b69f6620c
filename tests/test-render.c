/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdlib.h>

#include "hd-belt-meter.h"

static void
pixel_rgb (cairo_surface_t *surface,
           int              x,
           int              y,
           int             *r,
           int             *g,
           int             *b)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 px = *(const guint32 *) (const void *) (data + y * stride + x * 4);

  *r = (px >> 16) & 0xff;
  *g = (px >> 8) & 0xff;
  *b = px & 0xff;
}

static cairo_surface_t *
draw (int sites,
      int target)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 160, 10);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  hd_belt_meter_draw (cr, 160, 10, sites, target, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_fraction (void)
{
  g_assert_cmpfloat (hd_belt_meter_fraction (4, 8), ==, 0.5);
  g_assert_cmpfloat (hd_belt_meter_fraction (12, 8), ==, 1.0);
  g_assert_cmpfloat (hd_belt_meter_fraction (-1, 8), ==, 0.0);
  g_assert_cmpfloat (hd_belt_meter_fraction (3, 0), ==, 1.0);
}

/* 5 of 8: red up to 5/8 of the width, the pale track after it. 9 of 8: all green. */
static void
test_meter_pixels (void)
{
  cairo_surface_t *partial = draw (5, 8);
  cairo_surface_t *full = draw (9, 8);
  int r, g, b;

  pixel_rgb (partial, 45, 5, &r, &g, &b);     /* inside the fill, between ticks */
  g_assert_cmpint (r, >, 150);
  g_assert_cmpint (g, <, 60);
  pixel_rgb (partial, 150, 5, &r, &g, &b);    /* on the track */
  g_assert_cmpint (r, >, 200);
  g_assert_cmpint (g, >, 200);
  g_assert_cmpint (abs (r - g), <, 8);
  pixel_rgb (full, 150, 5, &r, &g, &b);
  g_assert_cmpint (g, >, r + 40);

  /* Lightness differs between "short" and "met", so greyscale print tells them apart. */
  {
    HdBeltMeterColours c;
    double l_short, l_met;

    hd_belt_meter_default_colours (&c, FALSE);
    l_short = 0.299 * c.short_.red + 0.587 * c.short_.green + 0.114 * c.short_.blue;
    l_met = 0.299 * c.met.red + 0.587 * c.met.green + 0.114 * c.met.blue;
    g_assert_cmpfloat (fabs (l_short - l_met), >, 0.1);
  }

  cairo_surface_destroy (partial);
  cairo_surface_destroy (full);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/belt-meter/fraction", test_fraction);
  g_test_add_func ("/render/belt-meter/pixels", test_meter_pixels);
  return g_test_run ();
}
