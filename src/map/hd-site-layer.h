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
 * coordinates, within 8 px; %NULL when none is. */
const char  *hd_site_layer_site_at         (HdSiteLayer     *self,
                                            double           x,
                                            double           y);

G_END_DECLS
