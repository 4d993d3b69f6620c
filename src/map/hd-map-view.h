/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_MAP_VIEW (hd_map_view_get_type ())
G_DECLARE_FINAL_TYPE (HdMapView, hd_map_view, HD, MAP_VIEW, GtkWidget)

/* The workspace on a map: one dot per site with a position, no base map yet (nothing is
 * downloaded). Follows the store's "changed" signal. */
GtkWidget *hd_map_view_new             (HdStore   *store);
/* (transfer none) */
HdStore   *hd_map_view_get_store       (HdMapView *self);
/* How many site dots are on the map (sites without a position have none). */
guint      hd_map_view_get_n_markers   (HdMapView *self);
/* Centres the map on the sites (their main cluster when they lie in cities far apart) and
 * zooms so that all of those show. */
void       hd_map_view_zoom_to_sites   (HdMapView *self);

G_END_DECLS
