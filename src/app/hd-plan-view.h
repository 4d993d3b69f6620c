/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_PLAN_VIEW (hd_plan_view_get_type ())
G_DECLARE_FINAL_TYPE (HdPlanView, hd_plan_view, HD, PLAN_VIEW, GtkWidget)

/* A plan's overview: title, years and region, the three annual themes (this year's marked), and
 * each indicator with its targets, latest value and date, this year's progress and its status
 * (colour, icon and words). Actions: plan.snapshot ("Snapshot Now"), plan.edit and plan.delete
 * (forwarded to win.edit-plan / win.delete-plan with the plan's id), plan.record-value (s: an
 * indicator id; a dialog for a dated value of a manual indicator). Follows the store's changes. */
GtkWidget  *hd_plan_view_new             (HdStore    *store);
/* Shows a plan (NULL: none); FALSE when there is no such plan. */
gboolean    hd_plan_view_set_plan        (HdPlanView *self,
                                          const char *plan_id);
const char *hd_plan_view_get_plan_id     (HdPlanView *self);
/* (transfer none): the empty vertical box below the indicators where the plan's charts go. */
GtkBox     *hd_plan_view_get_charts_box  (HdPlanView *self);
/* (transfer none): the dialog "Record a Value" opens, for tests; NULL when none is open. */
GtkWidget  *hd_plan_view_get_value_dialog (HdPlanView *self);

G_END_DECLS
