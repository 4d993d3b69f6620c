/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hd-inspection.h"

G_BEGIN_DECLS

#define HD_TYPE_START_DIALOG (hd_start_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HdStartDialog, hd_start_dialog, HD, START_DIALOG, AdwMessageDialog)

/* Starts an inspection of one site or belt: the standard sets that apply to it (the built-in
 * six haves for a site and five ones for a belt are ticked), the inspector (remembered in
 * @settings' "inspector-name") and the date (today in the workspace's zone; typed as
 * YYYY-MM-DD or picked on a calendar). "Start" is enabled only when all three are valid.
 *
 * On "start" it makes one draft per set (or takes up a draft of that set already open for the
 * subject), asks the store for suggestions from the data, and emits "started" (GStrv ids) with
 * the drafts to show. A refused command emits "failed" (const GError *). */
GtkWidget *hd_start_dialog_new           (GtkWindow      *parent,
                                          HdStore        *store,
                                          GSettings      *settings,
                                          HdSubjectKind   kind,
                                          const char     *subject_id);

/* For tests and the window: the current input. */
gboolean   hd_start_dialog_is_valid      (HdStartDialog  *self);
/* (transfer full): the ids of the ticked sets */
GStrv      hd_start_dialog_dup_set_ids   (HdStartDialog  *self);
/* (transfer full): the ids of every set offered (ticked or not), read from the store when the
 * dialog opened */
GStrv      hd_start_dialog_dup_offered_set_ids (HdStartDialog *self);

/* Why the date cannot be used, or %NULL when it can: pure, for tests. */
const char *hd_start_dialog_check_date   (const char     *text,
                                          GDate          *out);

G_END_DECLS
