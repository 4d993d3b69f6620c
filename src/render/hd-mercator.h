/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Web Mercator (EPSG:3857) as XYZ map tiles use it: the world is a square of
 * tile_size * 2^zoom pixels, x grows east from 180°W, y grows south from 85.0511°N, and tile
 * (x, y) covers pixels [x * tile_size, (x + 1) * tile_size) — tile y counts from the top, as in
 * OpenStreetMap and libshumate (not TMS). All functions are pure. */

/* Beyond this latitude the square world would be taller than wide: points are clamped to it. */
#define HD_MERCATOR_MAX_LATITUDE 85.051128779806589

/* The world's width (and height) in pixels at @zoom for tiles of @tile_size pixels. */
double   hd_mercator_world_size      (int     zoom,
                                      int     tile_size);

/* Longitude/latitude in degrees to normalised Mercator units: 0..1 west to east and north to
 * south. Longitudes outside -180..180 give units outside 0..1 (no wrapping), so a polygon that
 * crosses the antimeridian stays in one piece. */
void     hd_mercator_project         (double  lon,
                                      double  lat,
                                      double *u,
                                      double *v);
void     hd_mercator_unproject       (double  u,
                                      double  v,
                                      double *lon,
                                      double *lat);

/* The same in pixels of a world @world_size pixels wide. */
void     hd_mercator_lonlat_to_world (double  lon,
                                      double  lat,
                                      double  world_size,
                                      double *x,
                                      double *y);
void     hd_mercator_world_to_lonlat (double  x,
                                      double  y,
                                      double  world_size,
                                      double *lon,
                                      double *lat);

/* The geographic bounds of tile (@x, @y) at @zoom. Returns %FALSE (and leaves the outputs
 * untouched) when the tile does not exist at that zoom. */
gboolean hd_mercator_tile_bounds     (int     zoom,
                                      int     x,
                                      int     y,
                                      double *west,
                                      double *south,
                                      double *east,
                                      double *north);

/* The tile that holds (@lon, @lat) at @zoom (longitude wrapped into -180..180). */
void     hd_mercator_tile_at         (double  lon,
                                      double  lat,
                                      int     zoom,
                                      int    *x,
                                      int    *y);

/* How many degrees of longitude one pixel spans in a world @world_size pixels wide. */
double   hd_mercator_degrees_per_pixel (double world_size);

G_END_DECLS
