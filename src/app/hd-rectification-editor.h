/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hd-inspection.h"

G_BEGIN_DECLS

#define HD_TYPE_RECTIFICATION_EDITOR (hd_rectification_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdRectificationEditor, hd_rectification_editor, HD, RECTIFICATION_EDITOR,
                      AdwMessageDialog)

/* A small dialog to change a rectification task's owner, due date and state. Responses:
 * "save" (apply with hd_rectification_editor_apply()), "history" (show the subject's history),
 * "cancel". Save is disabled while the due date is not a date. */
GtkWidget       *hd_rectification_editor_new   (GtkWindow             *parent,
                                                HdRectification       *task);
/* (transfer none): the task as it was when the editor opened. */
HdRectification *hd_rectification_editor_get_task (HdRectificationEditor *self);
/* Writes what changed through the store's commands (one transaction each). */
gboolean         hd_rectification_editor_apply (HdRectificationEditor *self,
                                                HdStore               *store,
                                                GError               **error);

/* TRUE for "" (no due date) or a valid YYYY-MM-DD date; fills @out when it is a date. */
gboolean         hd_rectification_editor_parse_due (const char *text,
                                                    GDate      *out,
                                                    gboolean   *has_date);

G_END_DECLS
