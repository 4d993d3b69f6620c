/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* What a search result is. */
typedef enum {
  HD_MAP_RESULT_SITE,
  HD_MAP_RESULT_BELT,
  HD_MAP_RESULT_REGION,
} HdMapResultKind;

#define HD_TYPE_MAP_RESULT (hd_map_result_get_type ())
G_DECLARE_FINAL_TYPE (HdMapResult, hd_map_result, HD, MAP_RESULT, GObject)

HdMapResultKind hd_map_result_get_kind (HdMapResult *self);
const char     *hd_map_result_get_id   (HdMapResult *self);
const char     *hd_map_result_get_name (HdMapResult *self);
/* The box to show (a site's is a point); FALSE when the result has no place on the map. */
gboolean        hd_map_result_get_bounds (HdMapResult *self,
                                          double      *min_lat,
                                          double      *min_lon,
                                          double      *max_lat,
                                          double      *max_lon);

#define HD_TYPE_MAP_SEARCH (hd_map_search_get_type ())
G_DECLARE_FINAL_TYPE (HdMapSearch, hd_map_search, HD, MAP_SEARCH, GtkWidget)

/* A search entry over the workspace's sites, belts and regions (substring of the name, any
 * case; Chinese works as is) with the results in a popover list (a GtkListView: rows exist
 * only for what shows). Choosing a result (Enter takes the first) emits "result-chosen"
 * (HdMapResult *). Follows @store's changes. */
GtkWidget  *hd_map_search_new         (HdStore     *store);
/* Types @text into the entry: the results update as if typed. */
void        hd_map_search_set_text    (HdMapSearch *self,
                                       const char  *text);
/* (transfer none): the results of the current text (a filter model over every record). */
GListModel *hd_map_search_get_results (HdMapSearch *self);
/* Chooses the result at @position, as a click on its row does. */
void        hd_map_search_choose      (HdMapSearch *self,
                                       guint        position);
/* Moves the keyboard focus to the entry. */
void        hd_map_search_focus       (HdMapSearch *self);

G_END_DECLS
