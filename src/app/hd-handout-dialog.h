/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "hd-handout.h"
#include "hd-store.h"

G_BEGIN_DECLS

#define HD_TYPE_HANDOUT_DIALOG (hd_handout_dialog_get_type ())
G_DECLARE_FINAL_TYPE (HdHandoutDialog, hd_handout_dialog, HD, HANDOUT_DIALOG, AdwWindow)

/**
 * hd_handout_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @plan_id: the plan whose handout it exports
 *
 * "Export Handout as PDF": paper (A4/A3, landscape), the sections, and which districts and belts
 * get pages; Export asks for the file (GtkFileChooserNative) and writes it in a thread, with a
 * spinner when that takes a while. Errors (a folder that cannot be written) show in the dialog,
 * which stays open with its choices; success closes it with a toast in @parent.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL with @error set (unknown plan)
 */
HdHandoutDialog *hd_handout_dialog_new          (GtkWindow        *parent,
                                                 HdStore          *store,
                                                 const char       *plan_id,
                                                 GError          **error);
/* Writes the handout with the dialog's choices to @file, as Export does after the file chooser. */
void             hd_handout_dialog_export_to    (HdHandoutDialog  *self,
                                                 GFile            *file);
/* (transfer none) (nullable): the error or progress shown, NULL when none. */
const char      *hd_handout_dialog_get_status   (HdHandoutDialog  *self);
/* Checks or unchecks the row of a section, a district or a belt (by name), as a click does. */
void             hd_handout_dialog_set_section  (HdHandoutDialog  *self,
                                                 HdHandoutSections section,
                                                 gboolean          active);
void             hd_handout_dialog_set_district (HdHandoutDialog  *self,
                                                 const char       *district,
                                                 gboolean          active);
void             hd_handout_dialog_set_belt     (HdHandoutDialog  *self,
                                                 const char       *belt,
                                                 gboolean          active);

/**
 * hd_handout_print_operation_new:
 *
 * A print operation for a plan's handout (every belt; the sections are chosen on the dialog's
 * "Handout" tab): the pages are laid out for the paper and orientation of the print dialog's page
 * setup (A3 when the paper is A3 or larger, else A4), drawn by the same code as the PDF, so the
 * preview shows the handout. Run it with GTK_PRINT_OPERATION_ACTION_EXPORT and "export-filename"
 * to write a PDF.
 *
 * Returns: (transfer full) (nullable): the operation, or %NULL with @error set (unknown plan)
 */
GtkPrintOperation *hd_handout_print_operation_new (HdStore     *store,
                                                   const char  *plan_id,
                                                   GError     **error);
/* Which sections it prints (what the "Handout" tab sets; 0: all). */
void               hd_handout_print_operation_set_sections (GtkPrintOperation *operation,
                                                            HdHandoutSections  sections);

G_END_DECLS
