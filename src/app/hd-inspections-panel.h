/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-inspection.h"
#include "hd-lights.h"

G_BEGIN_DECLS

#define HD_TYPE_INSPECTIONS_PANEL (hd_inspections_panel_get_type ())
G_DECLARE_FINAL_TYPE (HdInspectionsPanel, hd_inspections_panel, HD, INSPECTIONS_PANEL, GtkWidget)

/* The sidebar's "Inspections" page, two tabs:
 *   "due": inspections in progress (drafts) and the "due this quarter" queue (never inspected
 *     first, then the oldest), each with a button that starts an inspection;
 *   "rectifications": the open rectification tasks (problem and improvement lists), an
 *     "Overdue Only" filter and export to CSV (panel.export-rectifications).
 * Activating a queue row shows the subject's history (win.show-history); activating a task row
 * opens its editor (owner, due date, state; with a way to the history); activating a draft opens
 * it (win.open-inspection). Follows the store's "changed". */
GtkWidget  *hd_inspections_panel_new          (HdStore            *store,
                                               HdLights           *lights);

/* "due" or "rectifications" */
const char *hd_inspections_panel_get_tab      (HdInspectionsPanel *self);
gboolean    hd_inspections_panel_set_tab      (HdInspectionsPanel *self,
                                               const char         *name);

/* (transfer none): the queue (HdDueSubject) and the tasks shown (HdRectification). */
GListModel *hd_inspections_panel_get_due_model           (HdInspectionsPanel *self);
GListModel *hd_inspections_panel_get_rectification_model (HdInspectionsPanel *self);
/* (transfer none): the drafts listed under "In Progress" (HdInspection). */
GListModel *hd_inspections_panel_get_draft_model         (HdInspectionsPanel *self);

gboolean    hd_inspections_panel_get_overdue_only (HdInspectionsPanel *self);
void        hd_inspections_panel_set_overdue_only (HdInspectionsPanel *self,
                                                   gboolean            overdue_only);

/* (transfer full) (nullable): "site:ID" / "belt:ID" of the row selected in the visible tab. */
char       *hd_inspections_panel_dup_selected_target (HdInspectionsPanel *self);

/* Opens the editor of the task at @position of the list. (transfer none) (nullable): the
 * editor (an HdRectificationEditor), which applies itself on "save". */
GtkWidget  *hd_inspections_panel_edit_rectification (HdInspectionsPanel *self,
                                                     guint               position);

/* Writes the tasks as the list shows them (filter included) to @file in the store's CSV format. */
gboolean    hd_inspections_panel_export_csv   (HdInspectionsPanel *self,
                                               GFile              *file,
                                               GError            **error);

G_END_DECLS
