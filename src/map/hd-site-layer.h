/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "hd-light.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_SITE_LAYER (hd_site_layer_get_type ())
G_DECLARE_FINAL_TYPE (HdSiteLayer, hd_site_layer, HD, SITE_LAYER, ShumateLayer)

/* Every site with a position drawn by one layer (no widget per site): positions are kept in
 * Web-Mercator units, culled to the viewport, drawn as light glyphs; names when zoomed in,
 * counts per screen cell when thousands show. Follows @store's "changed" signal by id. */
HdSiteLayer *hd_site_layer_new             (ShumateViewport *viewport,
                                            HdStore         *store);
/* How many sites the layer holds (those with a position). */
guint        hd_site_layer_get_n_sites     (HdSiteLayer     *self);
/* @site_lights: (nullable): site id → HdLight (GINT_TO_POINTER); referenced. */
void         hd_site_layer_set_site_lights (HdSiteLayer     *self,
                                            GHashTable      *site_lights);
/* GREY for a site the layer does not hold. */
HdLight      hd_site_layer_get_site_light  (HdSiteLayer     *self,
                                            const char      *site_id);
/* (nullable) (transfer none): the id of the site drawn nearest (@x, @y) in the layer's
 * coordinates, within 8 px; %NULL when none is (or the view shows clusters). The layer takes
 * pointer events only there. */
const char  *hd_site_layer_site_at         (HdSiteLayer     *self,
                                            double           x,
                                            double           y);
/* @site_id: (nullable): the site drawn with a selection ring; %NULL for none. */
void         hd_site_layer_set_selected    (HdSiteLayer     *self,
                                            const char      *site_id);
/* While a site is dragged: draws @site_id at (@lat, @lon) instead of where the store has it
 * (and hit tests it there); @site_id %NULL ends the preview. */
void         hd_site_layer_set_preview     (HdSiteLayer     *self,
                                            const char      *site_id,
                                            double           lat,
                                            double           lon);
/* Where @site_id is drawn, in the layer's coordinates; FALSE for a site it does not hold. */
gboolean     hd_site_layer_get_site_point  (HdSiteLayer     *self,
                                            const char      *site_id,
                                            double          *x,
                                            double          *y);
/* When the view shows clusters and one is drawn at (@x, @y): TRUE, with where its sites'
 * mean position is. */
gboolean     hd_site_layer_cluster_at      (HdSiteLayer     *self,
                                            double           x,
                                            double           y,
                                            double          *lat,
                                            double          *lon);
/* Draws what the layer shows now (glyphs, labels or clusters, the selection ring) with Cairo
 * in the layer's coordinates: for exports to PNG and PDF, where it stays vector. */
void         hd_site_layer_draw            (HdSiteLayer     *self,
                                            cairo_t         *cr);

G_END_DECLS
