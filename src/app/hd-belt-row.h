/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-belt.h"
#include "hd-lights.h"

G_BEGIN_DECLS

#define HD_TYPE_BELT_ROW (hd_belt_row_get_type ())
G_DECLARE_FINAL_TYPE (HdBeltRow, hd_belt_row, HD, BELT_ROW, GtkWidget)

/* One belt in the sidebar: name, brand and stage, and its "N / 8 sites" meter. */
GtkWidget *hd_belt_row_new      (void);
/* (nullable) (transfer none) */
HdBelt    *hd_belt_row_get_belt (HdBeltRow *self);
void       hd_belt_row_set_belt (HdBeltRow *self,
                                 HdBelt    *belt);
/* The workspace's lights: the row shows its belt's light and follows their "changed".
 * (nullable) (transfer none) */
HdLights  *hd_belt_row_get_lights (HdBeltRow *self);
void       hd_belt_row_set_lights (HdBeltRow *self,
                                   HdLights  *lights);

/* The row's texts as pure functions of the values, so they are tested without a display.
 * (transfer full) */
char      *hd_belt_row_format_subtitle (const char  *brand,
                                        HdBeltStage  stage);
char      *hd_belt_row_format_count    (int          sites,
                                        int          target);
char      *hd_belt_row_format_count_accessible (int  sites,
                                                int  target);

G_END_DECLS
