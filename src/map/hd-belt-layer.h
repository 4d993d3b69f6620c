/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_BELT_LAYER (hd_belt_layer_get_type ())
G_DECLARE_FINAL_TYPE (HdBeltLayer, hd_belt_layer, HD, BELT_LAYER, ShumateLayer)

/* Every belt's route through its sites in order, in the belt's colour, with a direction arrow
 * on each long segment; one layer for all belts. Follows @store's "changed" signal. */
HdBeltLayer *hd_belt_layer_new          (ShumateViewport *viewport,
                                         HdStore         *store);
/* @belt_id: (nullable): the belt drawn wider and on top; %NULL for none. */
void         hd_belt_layer_set_selected (HdBeltLayer     *self,
                                         const char      *belt_id);
const char  *hd_belt_layer_get_selected (HdBeltLayer     *self);
/* (nullable) (transfer none): the belt whose route passes within a few pixels of (@x, @y),
 * in the layer's coordinates; the nearest one, the selected belt on a tie. */
const char  *hd_belt_layer_belt_at      (HdBeltLayer     *self,
                                         double           x,
                                         double           y);
/* Draws the routes as they are shown now (names, and the selected belt's gaps and detours
 * flagged) with Cairo in the layer's coordinates: the snapshot uses it, and so do exports. */
void         hd_belt_layer_draw         (HdBeltLayer     *self,
                                         cairo_t         *cr);

G_END_DECLS
