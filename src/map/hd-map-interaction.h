/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "hd-belt-layer.h"
#include "hd-site-layer.h"
#include "hd-store.h"

G_BEGIN_DECLS

/* What a click on the map does. */
typedef enum {
  HD_MAP_MODE_BROWSE,   /* select a site or route; drag a site to move it */
  HD_MAP_MODE_PLACE,    /* a click asks for a new site there ("place-site") */
  HD_MAP_MODE_CHAIN,    /* a click on a site adds it to the selected belt's route */
} HdMapMode;

#define HD_TYPE_MAP_INTERACTION (hd_map_interaction_get_type ())
G_DECLARE_FINAL_TYPE (HdMapInteraction, hd_map_interaction, HD, MAP_INTERACTION, GObject)

/* Planning with the mouse on the map: selection, placing, dragging and chaining sites. Its
 * gesture sits on @map (the layers' coordinates are the map's); every edit is one store
 * command (one undo step).
 *
 * Properties: "mode" (HdMapMode as int), "selected-site", "selected-belt" (ids, nullable).
 * Signals:
 *  - "place-site" (double latitude, double longitude): a click in place mode;
 *  - "notice" (const char *text): something the user should be told (a toast);
 *  - "offer-removal" (const char *belt_id, const char *site_id): a click in chain mode on a
 *    site already on the route (Shift+click takes it out at once);
 *  - "failed" (const char *heading, GError *error): a store command was refused;
 *  - "picked" (gboolean picked, double latitude, double longitude): the end of a pick
 *    (hd_map_interaction_begin_pick()): the clicked position, or picked FALSE when cancelled. */
HdMapInteraction *hd_map_interaction_new        (HdStore          *store,
                                                 ShumateMap       *map,
                                                 HdSiteLayer      *site_layer,
                                                 HdBeltLayer      *belt_layer);

HdMapMode   hd_map_interaction_get_mode          (HdMapInteraction *self);
void        hd_map_interaction_set_mode          (HdMapInteraction *self,
                                                  HdMapMode         mode);
const char *hd_map_interaction_get_selected_site (HdMapInteraction *self);
const char *hd_map_interaction_get_selected_belt (HdMapInteraction *self);
/* Selecting a site keeps the selected belt (chain mode needs it); (nullable) ids. */
void        hd_map_interaction_select_site       (HdMapInteraction *self,
                                                  const char       *site_id);
void        hd_map_interaction_select_belt       (HdMapInteraction *self,
                                                  const char       *belt_id);

/* Takes @site_id out of @belt_id's route (one undo step); FALSE when it was not on it or the
 * store refused ("failed" is emitted then). */
gboolean    hd_map_interaction_remove_from_route (HdMapInteraction *self,
                                                  const char       *belt_id,
                                                  const char       *site_id);

/* The pointer handlers the gesture calls, in the map's coordinates; tests drive them
 * directly (GTK 4 cannot synthesise pointer events). press() returns TRUE when it takes the
 * press (a site is under it: the map must not pan). */
gboolean    hd_map_interaction_press             (HdMapInteraction *self,
                                                  double            x,
                                                  double            y,
                                                  GdkModifierType   state);
void        hd_map_interaction_motion            (HdMapInteraction *self,
                                                  double            x,
                                                  double            y);
void        hd_map_interaction_release           (HdMapInteraction *self,
                                                  double            x,
                                                  double            y);
/* Escape: cancels a drag, else leaves place or chain mode, else clears the selection.
 * Returns FALSE when there was nothing to undo that way. */
gboolean    hd_map_interaction_escape            (HdMapInteraction *self);
/* Asks for one click anywhere on the map (sites are not grabbed meanwhile; the cursor is a
 * crosshair): it emits "picked" with its position and ends. Escape (hd_map_interaction_escape())
 * or cancel_pick() ends it with "picked" FALSE. The mode stays as it was. */
void        hd_map_interaction_begin_pick        (HdMapInteraction *self);
void        hd_map_interaction_cancel_pick       (HdMapInteraction *self);
gboolean    hd_map_interaction_is_picking        (HdMapInteraction *self);
/* Whether a site is being dragged now. */
gboolean    hd_map_interaction_is_dragging       (HdMapInteraction *self);

G_END_DECLS
