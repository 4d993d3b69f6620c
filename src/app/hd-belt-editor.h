/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_BELT_EDITOR (hd_belt_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdBeltEditor, hd_belt_editor, HD, BELT_EDITOR, AdwWindow)

/* An editor of a copy of @belt (nullable: a new belt) and of its route; the store changes only
 * on Save. Escape or Cancel closes it without saving. */
GtkWidget  *hd_belt_editor_new          (GtkWindow    *parent,
                                         HdStore      *store,
                                         HdBelt       *belt);
HdBelt     *hd_belt_editor_get_belt     (HdBeltEditor *self);
gboolean    hd_belt_editor_can_save     (HdBeltEditor *self);
const char *hd_belt_editor_get_message  (HdBeltEditor *self);

/* The route being edited (transfer full): site ids in order. */
GStrv       hd_belt_editor_dup_route    (HdBeltEditor *self);
/* Appends a site (FALSE when unknown or already on the route). */
gboolean    hd_belt_editor_add_site     (HdBeltEditor *self,
                                         const char   *site_id);
/* Moves the site at @index by @delta places (FALSE when it cannot move). Alt+Up / Alt+Down. */
gboolean    hd_belt_editor_move_site    (HdBeltEditor *self,
                                         guint         index,
                                         int           delta);
/* Moves the site at @from to place @to, as dropping a dragged row on another does. */
gboolean    hd_belt_editor_move_site_to (HdBeltEditor *self,
                                         guint         from,
                                         guint         to);
gboolean    hd_belt_editor_remove_site  (HdBeltEditor *self,
                                         guint         index);
/* What the figures line shows, e.g. "8 of 8 sites · 12.3 km · longest gap 3.1 km". */
const char *hd_belt_editor_get_figures  (HdBeltEditor *self);

/* What Save does: saves the belt and its route (one command, one undo step) and closes.
 * A belt changed elsewhere shows the "Changed Elsewhere" dialog (Reload / Cancel). */
gboolean    hd_belt_editor_save         (HdBeltEditor *self);
GtkWidget  *hd_belt_editor_get_conflict_dialog (HdBeltEditor *self);
/* What the logo row's chooser (and Clear, with %NULL) does: sets the saved belt's logo image at
 * once, by reference with its hash (hd_store_set_belt_logo(); one undo step). Errors go to a
 * dialog; FALSE then, or for a belt not saved yet. */
gboolean    hd_belt_editor_set_logo     (HdBeltEditor *self,
                                         const char   *path);
void        hd_belt_editor_reload       (HdBeltEditor *self);

G_END_DECLS
