/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hd-map-interaction.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_SITE_EDITOR (hd_site_editor_get_type ())
G_DECLARE_FINAL_TYPE (HdSiteEditor, hd_site_editor, HD, SITE_EDITOR, AdwWindow)

/* An editor of a copy of @site (nullable: a new site; a site without an id: a new site with
 * those values): the store's object changes only on Save.
 * Escape or Cancel closes it without saving. */
GtkWidget  *hd_site_editor_new            (GtkWindow     *parent,
                                           HdStore       *store,
                                           HdSite        *site);
/* The record being edited (transfer none): the copy, with the form's values once valid. */
HdSite     *hd_site_editor_get_site       (HdSiteEditor  *self);
gboolean    hd_site_editor_can_save       (HdSiteEditor  *self);
/* (nullable): what the form shows under the fields: why Save is disabled, or a warning. */
const char *hd_site_editor_get_message    (HdSiteEditor  *self);
/* What Save does: stores the site and closes (TRUE); when the site was changed elsewhere since
 * it was read, shows the "Changed Elsewhere" dialog (Reload / Cancel) and returns FALSE; other
 * errors go to an error dialog. */
gboolean    hd_site_editor_save           (HdSiteEditor  *self);
/* (nullable) (transfer none): the "Changed Elsewhere" dialog while it is shown. */
GtkWidget  *hd_site_editor_get_conflict_dialog (HdSiteEditor *self);
/* (transfer none) the "Attachments" group (HdAttachmentList). */
GtkWidget  *hd_site_editor_get_attachments (HdSiteEditor *self);
/* The window's map, for "Pick on Map" (the button shows only with one); (nullable). */
void        hd_site_editor_set_map        (HdSiteEditor     *self,
                                           HdMapInteraction *interaction);
/* What "Pick on Map" does: the editor steps aside, the map takes one click (Escape cancels) and
 * its position fills the coordinates, validated as typed. */
void        hd_site_editor_pick_on_map    (HdSiteEditor  *self);
/* Re-reads the site from the store and shows its values (what Reload does). */
void        hd_site_editor_reload         (HdSiteEditor  *self);

G_END_DECLS
