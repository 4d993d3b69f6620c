/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "hd-light.h"
#include "hd-map-export.h"
#include "hd-map-interaction.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_MAP_VIEW (hd_map_view_get_type ())
G_DECLARE_FINAL_TYPE (HdMapView, hd_map_view, HD, MAP_VIEW, GtkWidget)

/* The workspace on a map: one dot per site with a position, over the offline base map with the
 * workspace's region boundaries (nothing is downloaded). Follows the store's "changed" signal. */
GtkWidget *hd_map_view_new             (HdStore   *store);
/* (transfer none) */
HdStore   *hd_map_view_get_store       (HdMapView *self);
/* How many site dots are on the map (sites without a position have none). */
guint      hd_map_view_get_n_markers   (HdMapView *self);
/* Centres the map on the sites (their main cluster when they lie in cities far apart) and
 * zooms so that all of those show. */
void       hd_map_view_zoom_to_sites   (HdMapView *self);
/* Colours the site dots by light (each a shape too: see hd_light_glyph_draw()); the colours
 * come from the CSS classes light-grey, light-green, light-yellow and light-red, which the app's
 * style sheet defines. @site_lights: (nullable): site id → HdLight (GINT_TO_POINTER), as
 * hd_store_compute_lights() makes it; referenced; %NULL makes every dot grey. */
void       hd_map_view_set_site_lights (HdMapView  *self,
                                        GHashTable *site_lights);
/* The light a site's dot shows (GREY for a site without a dot). */
HdLight    hd_map_view_get_site_light  (HdMapView  *self,
                                        const char *site_id);
/* @belt_id: (nullable): the belt whose route is drawn wider and on top, with its gaps and
 * detours flagged; %NULL for none. */
void       hd_map_view_select_belt     (HdMapView  *self,
                                        const char *belt_id);
/* @site_id: (nullable): the site drawn with a selection ring; @centre: also fly the map to it.
 * Does nothing when it is already the selected site (no jump after a click on the map). */
void       hd_map_view_select_site     (HdMapView  *self,
                                        const char *site_id,
                                        gboolean    centre);
/* Flies to a site (@site_id) or to a belt's route (@belt_id), zooming out when it does not
 * fit; FALSE when it has no position on the map. */
gboolean   hd_map_view_centre_on       (HdMapView  *self,
                                        const char *site_id,
                                        const char *belt_id);
/* (transfer none): selection, modes and edits with the mouse; the window listens to its
 * "notify::selected-site", "notify::selected-belt", "place-site", "notice" and "failed".
 * The view's signal "activate" is Enter with something selected. Actions: map.place-site
 * (P) and map.add-to-route (R), both stateful. */
HdMapInteraction *hd_map_view_get_interaction (HdMapView *self);
/* (transfer none): the HdMapSearch in the map's toolbar (Ctrl+F on the map focuses it); a
 * chosen result is selected and flown to. */
GtkWidget        *hd_map_view_get_search      (HdMapView *self);
/* Writes the view as it is now to @path (see hd_map_export_view()); what the toolbar's Export
 * View menu (actions map.export-png and map.export-pdf) does after asking for a file. */
gboolean          hd_map_view_export          (HdMapView          *self,
                                               const char         *path,
                                               HdMapExportFormat   format,
                                               GError            **error);

/* The base map under the workspace's layers (#HdMapView:base): the offline map always, and over
 * it at most one of: an MBTiles file, or OpenStreetMap. */
#define HD_MAP_BASE_OFFLINE "offline"
#define HD_MAP_BASE_ONLINE  "online"

/* @base: "offline", "online" or the path of a file added with hd_map_view_add_file(); one that
 * cannot be shown (online not allowed, a file not added) selects "offline". */
void        hd_map_view_set_base          (HdMapView   *self,
                                           const char  *base);
const char *hd_map_view_get_base          (HdMapView   *self);
/* Whether the online base may be chosen; turning it off while it shows goes back offline. */
void        hd_map_view_set_online        (HdMapView   *self,
                                           gboolean     online);
gboolean    hd_map_view_get_online        (HdMapView   *self);
/* @source: (nullable): what "online" draws; %NULL (the default) for libshumate's OSM Mapnik
 * source from its registry, with its file cache. For tests: a source that cannot connect. */
void        hd_map_view_set_online_source (HdMapView        *self,
                                           ShumateMapSource *source);
/* Opens an MBTiles file (see hd_mbtiles_source_new_for_path()) so it can be chosen as base;
 * errors (%HD_MBTILES_ERROR) name the file and say why it is refused. Adding one twice is fine. */
gboolean    hd_map_view_add_file          (HdMapView   *self,
                                           const char  *path,
                                           GError     **error);
/* Moves the view onto the file's area (its metadata's bounds, at a zoom it has tiles for) when
 * the view's centre is outside it or zoomed out past it; FALSE when it did not move. */
gboolean    hd_map_view_show_file         (HdMapView   *self,
                                           const char  *path);
/* Forgets the file (going back offline if it was the base). */
void        hd_map_view_remove_file       (HdMapView   *self,
                                           const char  *path);
/* (nullable): the name of an added file (its metadata's, else the file's). */
const char *hd_map_view_get_file_name     (HdMapView   *self,
                                           const char  *path);
/* Puts @control (a button) at the map's top right corner. */
void        hd_map_view_add_control       (HdMapView   *self,
                                           GtkWidget   *control);

/* For tests and benchmarks: where (@lon, @lat) is drawn, in the view's coordinates; and the
 * map's viewport (transfer none). */
gboolean         hd_map_view_lonlat_to_widget (HdMapView *self,
                                               double     lon,
                                               double     lat,
                                               double    *x,
                                               double    *y);
ShumateViewport *hd_map_view_get_viewport     (HdMapView *self);

G_END_DECLS
