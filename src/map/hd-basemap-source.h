/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "hd-basemap.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_BASEMAP_SOURCE (hd_basemap_source_get_type ())
G_DECLARE_FINAL_TYPE (HdBasemapSource, hd_basemap_source, HD, BASEMAP_SOURCE, ShumateMapSource)

/* The offline base map as a shumate tile source: tiles drawn locally by
 * hd_basemap_render_tile() in worker threads, from the shipped DCW outlines and the workspace's
 * own regions. Nothing goes to the network. Its id names what it draws
 * ("hongdai-offline-<hash of the regions and style>"), so a tile cache never hands out a tile
 * of an older region set. */

/* @basemap: (nullable): the outlines; with none, plain land under the regions. Referenced. */
HdBasemapSource *hd_basemap_source_new         (HdBasemap       *basemap);
/* Swaps the regions drawn (an array of HdBasemapRegion whose clear function frees them, as
 * hd_basemap_regions_from_store() makes; referenced, then never changed) and changes the id.
 * %NULL: no regions. */
void             hd_basemap_source_set_regions (HdBasemapSource *self,
                                                GArray          *regions);
/* (transfer none) (nullable) */
GArray          *hd_basemap_source_get_regions (HdBasemapSource *self);
/* Light or dark colours; changes the id. */
void             hd_basemap_source_set_dark    (HdBasemapSource *self,
                                                gboolean         dark);
gboolean         hd_basemap_source_get_dark    (HdBasemapSource *self);
/* Whether the workspace's regions (outlines and names) are drawn; changes the id. */
void             hd_basemap_source_set_show_regions (HdBasemapSource *self,
                                                     gboolean         show);
gboolean         hd_basemap_source_get_show_regions (HdBasemapSource *self);
/* Whether place names (countries, provinces, regions) are drawn; changes the id. */
void             hd_basemap_source_set_show_labels  (HdBasemapSource *self,
                                                     gboolean         show);
gboolean         hd_basemap_source_get_show_labels  (HdBasemapSource *self);
/* Draws only the workspace's regions (outlines and names) on clear tiles, to lay over another
 * base map (an MBTiles file, OpenStreetMap); changes the id. */
void             hd_basemap_source_set_overlay      (HdBasemapSource *self,
                                                     gboolean         overlay);

/**
 * hd_basemap_region_set_geojson:
 * @region: an initialised region
 * @geometry: a GeoJSON Polygon or MultiPolygon geometry object, as text
 *
 * Adds the geometry's rings to @region (and finishes it). A region whose geometry is not a
 * polygon gets no rings. Errors: %G_IO_ERROR_INVALID_DATA with what is wrong.
 */
gboolean         hd_basemap_region_set_geojson (HdBasemapRegion *region,
                                                const char      *geometry,
                                                GError         **error);

/* (transfer full): every region of @store that has a boundary, ready for
 * hd_basemap_source_set_regions(). A boundary that does not parse is skipped with a warning. */
GArray          *hd_basemap_regions_from_store (HdStore         *store);

G_END_DECLS
