/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "hd-inspection.h"

G_BEGIN_DECLS

#define HD_TYPE_CHECKLIST_ROW (hd_checklist_row_get_type ())
G_DECLARE_FINAL_TYPE (HdChecklistRow, hd_checklist_row, HD, CHECKLIST_ROW, GtkListBoxRow)

/* One item of a checklist: code, title, guidance, tags (red line, photo evidence, suggested from
 * the data, worse than last time), the four answers as linked toggle buttons and a note.
 * The row only shows and reports; HdInspectionView saves. Signals:
 *   "answer-chosen" (int HdAnswer): the inspector clicked an answer or Confirm;
 *   "note-changed" (const char *text): the note, a moment after typing stops or when the
 *     entry loses the focus;
 *   "note-activated": Enter in the note;
 *   "photo-requested": the inspector asked to attach a photo (the camera button);
 *   "photo-remove-requested" (const char *photo_id): the inspector chose Remove Photo on a photo
 *   chip (action "checklist.remove-photo" with the photo's id; drafts only). */
GtkWidget  *hd_checklist_row_new              (HdInspectionAnswer *answer,
                                               const char         *inspection_id,
                                               gboolean            editable);

const char *hd_checklist_row_get_inspection_id (HdChecklistRow *self);
const char *hd_checklist_row_get_item_id      (HdChecklistRow *self);
const char *hd_checklist_row_get_code         (HdChecklistRow *self);
const char *hd_checklist_row_get_title        (HdChecklistRow *self);
HdItemKind  hd_checklist_row_get_kind         (HdChecklistRow *self);
double      hd_checklist_row_get_weight       (HdChecklistRow *self);
HdAnswer    hd_checklist_row_get_answer       (HdChecklistRow *self);
gboolean    hd_checklist_row_get_suggested    (HdChecklistRow *self);
gboolean    hd_checklist_row_get_editable     (HdChecklistRow *self);

/* Shows an answer without emitting "answer-chosen" (also to undo a refused click). */
void        hd_checklist_row_set_answer       (HdChecklistRow *self,
                                               HdAnswer        answer,
                                               gboolean        suggested);
/* Shows a stored note, unless the inspector is typing in this row's note. */
void        hd_checklist_row_set_note         (HdChecklistRow *self,
                                               const char     *note);
/* The note as typed (not necessarily saved yet). */
const char *hd_checklist_row_get_note_text    (HdChecklistRow *self);
/* Emits a pending "note-changed" now. */
void        hd_checklist_row_flush_note       (HdChecklistRow *self);
void        hd_checklist_row_focus_note       (HdChecklistRow *self);
gboolean    hd_checklist_row_note_has_focus   (HdChecklistRow *self);

/* Shows the item's photos (element-type HdInspectionPhoto, already checked; NULL: none): a
 * count, thumbnails of the first few, and a warning icon when a file is missing or changed. */
void        hd_checklist_row_set_photos       (HdChecklistRow *self,
                                               GListModel     *photos);
guint       hd_checklist_row_get_n_photos     (HdChecklistRow *self);
guint       hd_checklist_row_get_n_thumbnails (HdChecklistRow *self);
/* Photos whose file is missing or changed. */
guint       hd_checklist_row_get_n_photo_problems (HdChecklistRow *self);

/* The texts the row uses, as pure functions of the values. (transfer full)
 *   accessible: "A1 有场所: Met" / "A1 有场所: not answered" (plus ", suggested from the data");
 *   previous: "Last time: Met". */
char       *hd_checklist_row_format_accessible (const char *code,
                                                const char *title,
                                                HdAnswer    answer,
                                                gboolean    suggested);
char       *hd_checklist_row_format_previous   (HdAnswer    previous);
/* "2 photos" / "2 photos, 1 missing, 1 changed"; NULL for none. */
char       *hd_checklist_row_format_photos     (guint       n_photos,
                                                guint       n_missing,
                                                guint       n_changed);

G_END_DECLS
