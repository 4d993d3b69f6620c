/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_REGION_EDITOR (hd_region_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdRegionEditor, hd_region_editor, HD, REGION_EDITOR, AdwWindow)

/* The region tree (city > district > town) with each region's belts and sites (sub-regions
 * included): add, edit (name, level, code), move, delete and import boundaries. Every change
 * is one store command; Ctrl+Z / Ctrl+Shift+Z undo and redo here too. */
GtkWidget  *hd_region_editor_new             (GtkWindow      *parent,
                                              HdStore        *store);
/* Selects the row of region @id (FALSE when it is not in the tree). */
gboolean    hd_region_editor_select          (HdRegionEditor *self,
                                              const char     *id);
/* (nullable): the selected region's id. */
const char *hd_region_editor_get_selected_id (HdRegionEditor *self);
guint       hd_region_editor_get_n_rows      (HdRegionEditor *self);
/* (transfer full) (nullable): what the row of region @id shows, e.g. "鼓楼区 · District or
 * county · 1 belt · 10 sites" (for tests and accessibility). */
char       *hd_region_editor_dup_row_text    (HdRegionEditor *self,
                                              const char     *id);
/* (transfer none) (nullable): the dialog an action opened (edit, move or delete) while it is
 * open; tests answer it with adw_message_dialog_response(). */
GtkWidget  *hd_region_editor_get_dialog      (HdRegionEditor *self);
/* Imports boundaries as the menu item does after the file chooser; FALSE shows the error. */
gboolean    hd_region_editor_import_file     (HdRegionEditor *self,
                                              GFile          *file);

G_END_DECLS
