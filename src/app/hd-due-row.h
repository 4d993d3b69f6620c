/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-inspection.h"
#include "hd-lights.h"

G_BEGIN_DECLS

#define HD_TYPE_DUE_ROW (hd_due_row_get_type ())
G_DECLARE_FINAL_TYPE (HdDueRow, hd_due_row, HD, DUE_ROW, GtkWidget)

/* One row of the "due this quarter" queue: the subject's light, name, when it was last
 * inspected, and a button that starts an inspection of it. */
GtkWidget    *hd_due_row_new          (HdLights     *lights);
/* (nullable) (transfer none) */
HdDueSubject *hd_due_row_get_subject  (HdDueRow     *self);
void          hd_due_row_set_subject  (HdDueRow     *self,
                                       HdDueSubject *subject);

/* "Site · never inspected" / "Belt · last inspected 2025-01-10, 140 days ago". (transfer full) */
char         *hd_due_row_format_detail (HdSubjectKind  kind,
                                        const char    *last_date,
                                        int            days_since);

G_END_DECLS
