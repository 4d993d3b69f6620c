/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-route-figures"

#include <math.h>

#include "hd-route-figures.h"

#define EARTH_RADIUS_KM 6371.0088

double
hd_route_distance_km (double lat1,
                      double lon1,
                      double lat2,
                      double lon2)
{
  double phi1 = lat1 * G_PI / 180.0;
  double phi2 = lat2 * G_PI / 180.0;
  double dphi = (lat2 - lat1) * G_PI / 180.0;
  double dlambda = (lon2 - lon1) * G_PI / 180.0;
  double a = sin (dphi / 2) * sin (dphi / 2) +
             cos (phi1) * cos (phi2) * sin (dlambda / 2) * sin (dlambda / 2);

  /* Rounding can push a a hair past 1 for antipodal points. */
  a = CLAMP (a, 0.0, 1.0);
  return 2 * EARTH_RADIUS_KM * atan2 (sqrt (a), sqrt (1 - a));
}

void
hd_route_figures_compute (const HdRouteStop *stops,
                          guint              n_stops,
                          HdRouteFigures    *out)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (stops != NULL || n_stops == 0);

  *out = (HdRouteFigures) { .n_sites = n_stops };
  for (guint i = 1; i < n_stops; i++)
    {
      const HdRouteStop *a = &stops[i - 1];
      const HdRouteStop *b = &stops[i];
      double d;

      if (!a->has_position || !b->has_position)
        continue;
      d = hd_route_distance_km (a->latitude, a->longitude, b->latitude, b->longitude);
      out->n_legs++;
      out->length_km += d;
      out->longest_gap_km = MAX (out->longest_gap_km, d);
    }
}
