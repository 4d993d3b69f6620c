/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One stop of a route: where it is, if known. */
typedef struct {
  gboolean has_position;
  double   latitude;
  double   longitude;
} HdRouteStop;

/* What the belt editor shows about a route (pure values; no store, no widgets). */
typedef struct {
  guint  n_sites;
  guint  n_legs;          /* consecutive pairs that both have a position */
  double length_km;       /* sum of those legs (great-circle) */
  double longest_gap_km;  /* the longest of those legs; 0 without legs */
} HdRouteFigures;

/* Great-circle distance in kilometres (haversine, mean Earth radius 6371.0088 km). */
double hd_route_distance_km     (double              lat1,
                                 double              lon1,
                                 double              lat2,
                                 double              lon2);
/* A stop without a position breaks the chain: the legs on either side of it are not counted. */
void   hd_route_figures_compute (const HdRouteStop  *stops,
                                 guint               n_stops,
                                 HdRouteFigures     *out);

G_END_DECLS
