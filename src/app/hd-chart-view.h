/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-chart.h"

G_BEGIN_DECLS

#define HD_TYPE_CHART_VIEW (hd_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (HdChartView, hd_chart_view, HD, CHART_VIEW, GtkWidget)

GtkWidget           *hd_chart_view_new           (void);

/**
 * hd_chart_view_set_chart:
 * @kind: which chart
 * @data: (transfer full): the matching struct (HdChartTarget for %HD_CHART_TARGET, …); it and
 *   whatever it points to must stay alive until @destroy is called on it
 * @destroy: (nullable): frees @data when the view drops it (replaced or disposed)
 *
 * Shows a chart. Call it again with fresh data when the store changes: the view redraws.
 * @data's title becomes the view's accessible label.
 */
void                 hd_chart_view_set_chart     (HdChartView    *self,
                                                  HdChartKind     kind,
                                                  gpointer        data,
                                                  GDestroyNotify  destroy);
HdChartKind          hd_chart_view_get_kind      (HdChartView    *self);
/* (transfer none) (nullable) */
gconstpointer        hd_chart_view_get_data      (HdChartView    *self);

/* Where the last drawing put texts and marks, in widget coordinates. (transfer none) */
const HdChartLayout *hd_chart_view_get_layout    (HdChartView    *self);

/* The chart drawn at @width × @height pixels, for the clipboard. (transfer full) (nullable) */
GdkTexture          *hd_chart_view_render_texture (HdChartView   *self,
                                                   int            width,
                                                   int            height);

/* A print operation that draws the chart to fit the page, with page setup in the dialog. Run
 * it with GTK_PRINT_OPERATION_ACTION_EXPORT and "export-filename" to write a PDF. (transfer full) */
GtkPrintOperation   *hd_chart_view_create_print_operation (HdChartView *self);

G_END_DECLS
