/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "hd-polygon.h"
#include "hd-types.h"

G_BEGIN_DECLS

/* Shown wherever the offline map is: the data's licence asks for it. */
#define HD_BASEMAP_ATTRIBUTION "Base map: DCW (GMT), LGPL-3.0"

#define HD_BASEMAP_ERROR (hd_basemap_error_quark ())
typedef enum {
  HD_BASEMAP_ERROR_FORMAT,     /* not a base-map file, or its tables do not add up */
  HD_BASEMAP_ERROR_VERSION,    /* a base-map file of a version this build cannot read */
  HD_BASEMAP_ERROR_TRUNCATED,  /* shorter than its header says */
} HdBasemapError;
GQuark hd_basemap_error_quark (void);

/* The offline base map: country and province outlines from hd-basemap.bin, read in place from
 * a mapped file. Immutable once loaded, so any thread may render from it; reference counted
 * (atomically) so a tile being drawn keeps it alive. */
typedef struct _HdBasemap HdBasemap;

/**
 * hd_basemap_new_from_file:
 * @path: an hd-basemap.bin
 *
 * Maps and checks the file. Errors: %G_FILE_ERROR when it cannot be read, %HD_BASEMAP_ERROR
 * when it is not a valid base map (wrong magic or version, cut short, tables out of range).
 *
 * Returns: (transfer full): the base map, or %NULL with @error set
 */
HdBasemap  *hd_basemap_new_from_file     (const char  *path,
                                          GError     **error);
/* The same from bytes in memory (kept referenced). */
HdBasemap  *hd_basemap_new_from_bytes    (GBytes      *bytes,
                                          GError     **error);
HdBasemap  *hd_basemap_ref               (HdBasemap   *self);
void        hd_basemap_unref             (HdBasemap   *self);

/* The installed file, or the one in the build tree when running uninstalled; the
 * HONGDAI_BASEMAP environment variable overrides both. (transfer full) */
char       *hd_basemap_find_file         (void);

guint       hd_basemap_get_n_features    (HdBasemap   *self);
/* The Chinese name of the feature with DCW-style @code ("CN", "CN.FJ", "VN"), or %NULL when
 * there is none. (transfer none) */
const char *hd_basemap_lookup_name       (HdBasemap   *self,
                                          const char  *code);

typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} HdBasemapColor;

typedef struct
{
  HdBasemapColor sea;
  HdBasemapColor land;             /* China */
  HdBasemapColor land_foreign;     /* other countries, a shade apart */
  HdBasemapColor country_border;
  HdBasemapColor province_border;
  HdBasemapColor region_border;    /* the workspace's own regions */
  HdBasemapColor region_fill;
  HdBasemapColor label;            /* province names */
  HdBasemapColor country_label;
  HdBasemapColor region_label;
  HdBasemapColor halo;             /* around every name, so it reads over lines */
  const char    *font_family;
} HdBasemapStyle;

/* (transfer none): static styles for light and dark surroundings. */
const HdBasemapStyle *hd_basemap_style_get (gboolean dark);

/* One ring of a workspace region, longitude (x) and latitude (y) in degrees. */
typedef struct
{
  HdPoint *points;
  guint    n_points;
} HdBasemapRing;

/* A workspace region (city, district, town) as the map draws it: its boundary rings (outer
 * rings and holes alike, from a GeoJSON Polygon or MultiPolygon) and its name. Build one with
 * hd_basemap_region_init(), _add_ring() and _finish(); free its contents with _clear(). */
typedef struct
{
  char          *name;
  HdRegionLevel  level;
  HdBasemapRing *rings;
  guint          n_rings;

  /* Set by hd_basemap_region_finish(). */
  double         min_lon, min_lat, max_lon, max_lat;
  double         label_lon, label_lat;
  gboolean       has_label;
  double         area;      /* in normalised Mercator units², to put smaller ones first */
} HdBasemapRegion;

void     hd_basemap_region_init     (HdBasemapRegion *region,
                                     const char      *name,
                                     HdRegionLevel    level);
/* Copies @points; rings of fewer than 3 points are ignored. */
void     hd_basemap_region_add_ring (HdBasemapRegion *region,
                                     const HdPoint   *points,
                                     guint            n_points);
/* Computes the bounds and the label point. */
void     hd_basemap_region_finish   (HdBasemapRegion *region);
void     hd_basemap_region_clear    (HdBasemapRegion *region);
/* Whether (@lon, @lat) is inside the region (even-odd over its rings). */
gboolean hd_basemap_region_contains (const HdBasemapRegion *region,
                                     double                 lon,
                                     double                 lat);

/**
 * hd_basemap_render_tile:
 * @self: (nullable): the base map; with none, land colour and the regions only
 * @cr: where tile pixel (0, 0) is the tile's top-left corner; drawing is clipped to the tile
 * @zoom: @x: @y: the tile in the XYZ scheme (y from the top)
 * @tile_size: its size in pixels (256 for shumate)
 * @style: colours
 * @regions: (array length=n_regions) (nullable): the workspace's regions, finished
 *
 * Draws one Web-Mercator tile: sea, land, country and province borders, province names, and the
 * regions' outlines and names. Lines and names that cross into a neighbouring tile are drawn
 * there too, from the same global placement, so they join without seams; a name is placed only
 * where it fits inside its area. Pure: touches nothing but @cr, safe from any thread.
 */
void     hd_basemap_render_tile     (HdBasemap             *self,
                                     cairo_t               *cr,
                                     int                    zoom,
                                     int                    x,
                                     int                    y,
                                     int                    tile_size,
                                     const HdBasemapStyle  *style,
                                     const HdBasemapRegion *regions,
                                     guint                  n_regions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdBasemap, hd_basemap_unref)

G_END_DECLS
