/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-inspection.h"
#include "hd-lights.h"

G_BEGIN_DECLS

#define HD_TYPE_INSPECTION_VIEW (hd_inspection_view_get_type ())
G_DECLARE_FINAL_TYPE (HdInspectionView, hd_inspection_view, HD, INSPECTION_VIEW, GtkWidget)

/* The checklist of one or more inspections of one subject (one per standard set), built for
 * speed: one row per item, every answer saved at once through the store (autosave), errors as
 * toasts. A draft is filled in; a finished inspection opens read-only with its result and a
 * "Correct…" button.
 *
 * Keys (while the checklist has the focus; see ui/gtk/help-overlay.ui):
 *   1 2 3 4 (also on the keypad)  met / partly / not met / n.a. for the focused item, then the next
 *   Up Down, k j                  previous / next item (also from inside a note)
 *   N                             the focused item's note (Enter or Escape leaves it)
 *   Delete                        clear the focused item's answer
 *   Ctrl+Enter                    finish
 *   Escape                        back to the map
 * Actions (group "insp"): answer (i: HdAnswer), clear-answer, next, previous, focus-note,
 * confirm-suggestions, finish, correct. */
GtkWidget    *hd_inspection_view_new              (HdStore          *store,
                                                   HdLights         *lights);

/* Shows these inspections (all of one subject). FALSE with @error when one cannot be read;
 * then the view is empty. */
gboolean      hd_inspection_view_open             (HdInspectionView *self,
                                                   const char * const *inspection_ids,
                                                   GError          **error);
void          hd_inspection_view_clear            (HdInspectionView *self);
guint         hd_inspection_view_get_n_inspections (HdInspectionView *self);
/* (transfer none) (nullable) */
HdInspection *hd_inspection_view_get_inspection   (HdInspectionView *self,
                                                   guint             index);
/* Whether anything in it is still a draft. */
gboolean      hd_inspection_view_get_editable     (HdInspectionView *self);
guint         hd_inspection_view_get_n_items      (HdInspectionView *self);
guint         hd_inspection_view_get_n_answered   (HdInspectionView *self);
/* Moves the focus to the first unanswered item (or the first item, or Finish). */
void          hd_inspection_view_focus_current    (HdInspectionView *self);

/* "4 / 6 answered" (transfer full): pure, for tests. */
char         *hd_inspection_view_format_progress  (guint             answered,
                                                   guint             total);

G_END_DECLS
