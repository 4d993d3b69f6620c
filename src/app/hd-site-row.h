/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-site.h"
#include "hd-lights.h"

G_BEGIN_DECLS

#define HD_TYPE_SITE_ROW (hd_site_row_get_type ())
G_DECLARE_FINAL_TYPE (HdSiteRow, hd_site_row, HD, SITE_ROW, GtkWidget)

/* One site in the sidebar: its name, then its kind and organisation. */
GtkWidget *hd_site_row_new      (void);
/* (nullable) (transfer none) */
HdSite    *hd_site_row_get_site (HdSiteRow *self);
void       hd_site_row_set_site (HdSiteRow *self,
                                 HdSite    *site);
/* The workspace's lights: the row shows its site's light and follows their "changed".
 * (nullable) (transfer none) */
HdLights  *hd_site_row_get_lights (HdSiteRow *self);
void       hd_site_row_set_lights (HdSiteRow *self,
                                   HdLights  *lights);

/* (transfer full): "kind · organisation", or the kind alone. */
char      *hd_site_row_format_subtitle (HdSiteKind  kind,
                                        const char *organisation);

G_END_DECLS
