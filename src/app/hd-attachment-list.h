/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hd-attachment.h"

G_BEGIN_DECLS

#define HD_TYPE_ATTACHMENT_LIST (hd_attachment_list_get_type ())
G_DECLARE_FINAL_TYPE (HdAttachmentList, hd_attachment_list, HD, ATTACHMENT_LIST, AdwPreferencesGroup)

/* The "Attachments" group of an editor: one row per attached file (a thumbnail for images, its
 * name and size, a warning when it was moved or changed since it was attached), Open and
 * Remove; "Add Files…" opens a file chooser. Every change is a store command (one undo step),
 * made at once. Signal "removed" (const char *undo_label): a file was detached; the editor offers
 * Undo (a toast). */
GtkWidget  *hd_attachment_list_new        (HdStore           *store,
                                           HdAttachmentOwner  owner);
/* Whose files to show; %NULL (a record not saved yet) disables adding. */
void        hd_attachment_list_set_owner_id (HdAttachmentList *self,
                                           const char        *owner_id);
/* Re-reads the list from the store (and re-checks every file). */
void        hd_attachment_list_reload     (HdAttachmentList  *self);
/* What the file chooser's response does: attaches @files (element-type GFile) in one command;
 * an error goes to a dialog. Returns TRUE when they were attached. */
gboolean    hd_attachment_list_add_files  (HdAttachmentList  *self,
                                           GListModel        *files);
/* The rows shown, in order (for tests): (transfer none) AdwActionRow. */
guint       hd_attachment_list_get_n_rows (HdAttachmentList  *self);
GtkWidget  *hd_attachment_list_get_row    (HdAttachmentList  *self,
                                           guint              index);
/* (transfer none) the attachment a row shows. */
HdAttachment *hd_attachment_list_get_attachment (HdAttachmentList *self,
                                           guint              index);
/* What the row's Remove button does. */
gboolean    hd_attachment_list_remove     (HdAttachmentList  *self,
                                           guint              index);

G_END_DECLS
