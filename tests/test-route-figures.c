/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The belt editor's route figures: great-circle distances, length and longest gap. */
#include <math.h>

#include "hd-route-figures.h"

typedef struct {
  const char *what;
  double      lat1, lon1, lat2, lon2;
  double      km;        /* expected */
  double      tolerance;
} DistanceCase;

static void
test_distance_table (void)
{
  static const DistanceCase cases[] = {
    { "same point", 26.08, 119.29, 26.08, 119.29, 0.0, 0.0 },
    { "one degree of latitude", 0, 0, 1, 0, 111.195, 0.01 },
    { "one degree of longitude at the equator", 0, 0, 0, 1, 111.195, 0.01 },
    { "one degree of longitude at 60°N is half", 60, 0, 60, 1, 55.596, 0.01 },
    { "Beijing to Shanghai", 39.9042, 116.4074, 31.2304, 121.4737, 1067.3, 1.0 },
    { "Fuzhou: 0.1° north", 26.10, 119.31, 26.20, 119.31, 11.12, 0.01 },
    { "across the antimeridian", 0, 179.5, 0, -179.5, 111.195, 0.01 },
    { "pole to pole", 90, 0, -90, 0, M_PI * 6371.0088, 0.001 },
    { "antipodes (rounding clamped)", 0, 0, 0, 180, M_PI * 6371.0088, 0.001 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DistanceCase *c = &cases[i];
      double there = hd_route_distance_km (c->lat1, c->lon1, c->lat2, c->lon2);
      double back = hd_route_distance_km (c->lat2, c->lon2, c->lat1, c->lon1);

      g_test_message ("case: %s", c->what);
      g_assert_false (isnan (there));
      g_assert_cmpfloat_with_epsilon (there, c->km, c->tolerance + 1e-12);
      /* Symmetric. */
      g_assert_cmpfloat_with_epsilon (there, back, 1e-9);
    }
}

#define NO_POS { FALSE, 0, 0 }
#define AT(lat, lon) { TRUE, lat, lon }

typedef struct {
  const char  *what;
  HdRouteStop  stops[6];
  guint        n_stops;
  guint        n_legs;
  /* Legs counted, as pairs of stop indexes (-1 ends the list). */
  int          legs[6][2];
} FiguresCase;

static void
test_figures_table (void)
{
  static const FiguresCase cases[] = {
    { "no stops", { NO_POS }, 0, 0, { { -1, -1 } } },
    { "one stop", { AT (26.08, 119.29) }, 1, 0, { { -1, -1 } } },
    { "two stops", { AT (26.08, 119.29), AT (26.09, 119.30) }, 2, 1, { { 0, 1 }, { -1, -1 } } },
    { "a stop without a position breaks the chain",
      { AT (26.08, 119.29), AT (26.09, 119.30), NO_POS, AT (26.10, 119.31), AT (26.20, 119.31) },
      5, 2, { { 0, 1 }, { 3, 4 }, { -1, -1 } } },
    { "no positions at all", { NO_POS, NO_POS, NO_POS }, 3, 0, { { -1, -1 } } },
    { "first and last without positions",
      { NO_POS, AT (26.0, 119.0), AT (26.0, 119.1), AT (26.5, 119.1), NO_POS },
      5, 2, { { 1, 2 }, { 2, 3 }, { -1, -1 } } },
    { "two stops at the same place", { AT (26.0, 119.0), AT (26.0, 119.0) }, 2, 1,
      { { 0, 1 }, { -1, -1 } } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const FiguresCase *c = &cases[i];
      HdRouteFigures figures;
      double length = 0, longest = 0;

      g_test_message ("case: %s", c->what);
      for (guint l = 0; c->legs[l][0] >= 0; l++)
        {
          const HdRouteStop *a = &c->stops[c->legs[l][0]];
          const HdRouteStop *b = &c->stops[c->legs[l][1]];
          double d = hd_route_distance_km (a->latitude, a->longitude, b->latitude, b->longitude);

          length += d;
          longest = MAX (longest, d);
        }
      /* Garbage in the output is overwritten. */
      figures = (HdRouteFigures) { 99, 99, 99.0, 99.0 };
      hd_route_figures_compute (c->n_stops > 0 ? c->stops : NULL, c->n_stops, &figures);
      g_assert_cmpuint (figures.n_sites, ==, c->n_stops);
      g_assert_cmpuint (figures.n_legs, ==, c->n_legs);
      g_assert_cmpfloat_with_epsilon (figures.length_km, length, 1e-9);
      g_assert_cmpfloat_with_epsilon (figures.longest_gap_km, longest, 1e-9);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/route-figures/distance", test_distance_table);
  g_test_add_func ("/route-figures/figures", test_figures_table);
  return g_test_run ();
}
