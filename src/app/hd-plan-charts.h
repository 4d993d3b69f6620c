/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_PLAN_CHARTS (hd_plan_charts_get_type ())
G_DECLARE_FINAL_TYPE (HdPlanCharts, hd_plan_charts, HD, PLAN_CHARTS, GtkWidget)

/* The charts of a plan's overview page, each an HdChartView (hover values, copy, save, print):
 * the dashboard, target vs actual per indicator, sites per district, the six-haves heatmap of
 * the plan's region or of one belt (picked above it), and inspections per month. Each redraws
 * when the store changes something it shows, and only then: once a burst of changes is over
 * (from an idle callback) and only while the charts are mapped (else when they are next). */
GtkWidget *hd_plan_charts_new      (HdStore      *store);
/* Shows @plan_id's charts (NULL: none). */
void       hd_plan_charts_set_plan (HdPlanCharts *self,
                                    const char   *plan_id);
/* (transfer full): the chart views shown, in order (for tests). */
GPtrArray *hd_plan_charts_list_views (HdPlanCharts *self);
/* How many times the charts were drawn again (for tests); @last_kinds: (out) (optional): which
 * were the last time, as 1 << HdChartKind flags. */
guint      hd_plan_charts_get_refreshes (HdPlanCharts *self,
                                         guint        *last_kinds);
/* (transfer none): the heatmap's picker: item 0 is the plan's region, then its belts by name. */
GtkDropDown *hd_plan_charts_get_heatmap_picker (HdPlanCharts *self);

G_END_DECLS
