/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-inspection.h"

G_BEGIN_DECLS

#define HD_TYPE_RECTIFICATION_ROW (hd_rectification_row_get_type ())
G_DECLARE_FINAL_TYPE (HdRectificationRow, hd_rectification_row, HD, RECTIFICATION_ROW, GtkWidget)

/* One rectification task: subject, due date, item and description, which list it is on,
 * "Overdue", owner. */
GtkWidget       *hd_rectification_row_new          (void);
/* (nullable) (transfer none) */
HdRectification *hd_rectification_row_get_task     (HdRectificationRow *self);
void             hd_rectification_row_set_task     (HdRectificationRow *self,
                                                    HdRectification    *task);

/* "Due 2025-07-01" / "No due date"; "Owner: 李明" / "No owner yet". (transfer full) */
char            *hd_rectification_row_format_due   (const char *due_date);
char            *hd_rectification_row_format_owner (const char *owner);

G_END_DECLS
