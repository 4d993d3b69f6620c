/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-mercator"

#include <math.h>

#include "hd-mercator.h"

/* Zoom levels past this would overflow int tile numbers; map sources stop at 19 anyway. */
#define MAX_ZOOM 30

double
hd_mercator_world_size (int zoom,
                        int tile_size)
{
  return ldexp ((double) tile_size, CLAMP (zoom, 0, MAX_ZOOM));
}

void
hd_mercator_project (double  lon,
                     double  lat,
                     double *u,
                     double *v)
{
  double phi = CLAMP (lat, -HD_MERCATOR_MAX_LATITUDE, HD_MERCATOR_MAX_LATITUDE) * G_PI / 180.0;

  *u = (lon + 180.0) / 360.0;
  *v = 0.5 - asinh (tan (phi)) / (2.0 * G_PI);
}

void
hd_mercator_unproject (double  u,
                       double  v,
                       double *lon,
                       double *lat)
{
  *lon = u * 360.0 - 180.0;
  *lat = atan (sinh (G_PI * (1.0 - 2.0 * v))) * 180.0 / G_PI;
}

void
hd_mercator_lonlat_to_world (double  lon,
                             double  lat,
                             double  world_size,
                             double *x,
                             double *y)
{
  double u, v;

  hd_mercator_project (lon, lat, &u, &v);
  *x = u * world_size;
  *y = v * world_size;
}

void
hd_mercator_world_to_lonlat (double  x,
                             double  y,
                             double  world_size,
                             double *lon,
                             double *lat)
{
  hd_mercator_unproject (x / world_size, y / world_size, lon, lat);
}

gboolean
hd_mercator_tile_bounds (int     zoom,
                         int     x,
                         int     y,
                         double *west,
                         double *south,
                         double *east,
                         double *north)
{
  double n;

  if (zoom < 0 || zoom > MAX_ZOOM)
    return FALSE;

  n = ldexp (1.0, zoom);
  if (x < 0 || y < 0 || x >= n || y >= n)
    return FALSE;

  hd_mercator_unproject (x / n, y / n, west, north);
  hd_mercator_unproject ((x + 1) / n, (y + 1) / n, east, south);

  return TRUE;
}

void
hd_mercator_tile_at (double  lon,
                     double  lat,
                     int     zoom,
                     int    *x,
                     int    *y)
{
  double n, u, v;

  zoom = CLAMP (zoom, 0, MAX_ZOOM);
  n = ldexp (1.0, zoom);
  lon = fmod (lon + 180.0, 360.0);
  if (lon < 0)
    lon += 360.0;

  hd_mercator_project (lon - 180.0, lat, &u, &v);
  *x = (int) CLAMP (floor (u * n), 0, n - 1);
  *y = (int) CLAMP (floor (v * n), 0, n - 1);
}

double
hd_mercator_degrees_per_pixel (double world_size)
{
  return 360.0 / world_size;
}
