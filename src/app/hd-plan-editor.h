/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_PLAN_EDITOR (hd_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdPlanEditor, hd_plan_editor, HD, PLAN_EDITOR, AdwWindow)

/* A dialog to create (@plan_id NULL) or edit a plan: title, region, first year, the three annual
 * themes and the indicators (name, unit, source: entered by hand or one of the computed ones,
 * a target per year, whether higher is better), added, removed and moved with the keyboard.
 * Every change is checked at once: the row at fault is marked and Save is disabled with the
 * reason shown above the form. Saving is one undo step (plan, themes and indicators together);
 * "saved" (const char *plan_id) is emitted and the dialog closes. */
GtkWidget *hd_plan_editor_new                (GtkWindow    *parent,
                                              HdStore      *store,
                                              const char   *plan_id);
/* The reason Save is disabled, or NULL when it can save (for tests). */
const char *hd_plan_editor_get_problem       (HdPlanEditor *self);

G_END_DECLS
