/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-inspection.h"
#include "hd-lights.h"

G_BEGIN_DECLS

#define HD_TYPE_HISTORY_VIEW (hd_history_view_get_type ())
G_DECLARE_FINAL_TYPE (HdHistoryView, hd_history_view, HD, HISTORY_VIEW, GtkWidget)

/* A site's or belt's inspection history: its light and why, a "Start Inspection…" button, the
 * inspections newest first (each with its own light and score; items that got worse since the
 * one before listed and highlighted), and its open rectification tasks. Activating an
 * inspection opens it (win.open-inspection). Follows the store's "changed". */
GtkWidget  *hd_history_view_new          (HdStore       *store,
                                          HdLights      *lights);
void        hd_history_view_set_subject  (HdHistoryView *self,
                                          HdSubjectKind  kind,
                                          const char    *subject_id);
/* (nullable): "site:ID" / "belt:ID" */
const char *hd_history_view_get_target   (HdHistoryView *self);
/* How many inspections and open tasks it lists. */
guint       hd_history_view_get_n_inspections (HdHistoryView *self);
guint       hd_history_view_get_n_tasks       (HdHistoryView *self);

/* A history row's subtitle: "王督导 · Finished · score 83.3". (transfer full) */
char       *hd_history_view_format_summary (const char        *inspector,
                                            HdInspectionState  state,
                                            gboolean           correction,
                                            double             score);

G_END_DECLS
