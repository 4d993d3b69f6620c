/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_PLANS_PANEL (hd_plans_panel_get_type ())
G_DECLARE_FINAL_TYPE (HdPlansPanel, hd_plans_panel, HD, PLANS_PANEL, GtkWidget)

/* The sidebar's "Plans" page: the workspace's three-year action plans (title, years, region)
 * with a "New Plan…" button (win.new-plan). Selecting or activating a row emits
 * "plan-selected" (const char *plan_id). Follows the store's plans model. */
GtkWidget  *hd_plans_panel_new              (HdStore      *store);
/* Selects a plan's row (NULL: the first); FALSE when there is no such plan. */
gboolean    hd_plans_panel_select           (HdPlansPanel *self,
                                             const char   *plan_id);
/* (nullable): the selected plan's id. */
const char *hd_plans_panel_get_selected_id  (HdPlansPanel *self);

G_END_DECLS
