/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-inspection.h"

G_BEGIN_DECLS

/* A site or belt (what an inspection is of), as the app's actions name it. */

/* A site or belt named in an action target: "site:ID" or "belt:ID". (transfer full) */
char           *hd_subject_to_target     (HdSubjectKind   kind,
                                          const char     *subject_id);
/* @subject_id: (out) (transfer full). FALSE for anything else. */
gboolean        hd_subject_from_target   (const char     *target,
                                          HdSubjectKind  *kind,
                                          char          **subject_id);
/* (transfer none) (nullable): the site's or belt's name from the store's models. */
const char     *hd_subject_get_name      (HdStore        *store,
                                          HdSubjectKind   kind,
                                          const char     *subject_id);

/* (transfer full): the context menu of a site or belt row: "Start Inspection…"
 * (win.start-inspection) and "Inspection History" (win.show-history), aimed at this subject. */
GMenuModel     *hd_subject_menu_new      (HdSubjectKind   kind,
                                          const char     *subject_id);

G_END_DECLS
