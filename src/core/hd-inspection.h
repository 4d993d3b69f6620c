/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Inspections (检查 / 督导) of sites and belts against standard sets, their answers, the lights
 * that follow from them, and the rectification tasks (整改: the problem list and the improvement
 * list) that failed items become.
 *
 * Life of an inspection: start (a draft) → answers, one small transaction each (autosave: a
 * crash loses at most the answer being typed) → finish (score, tallies and light stored; failed
 * items become rectification tasks; tasks that this inspection marks met are closed) → read-only.
 * A mistake in a finished inspection is fixed by a correction: a new draft that references it
 * and starts with its answers.
 *
 * Every command is one transaction and, on success, emits "changed" with HD_CHANGE_INSPECTIONS
 * (ids: the inspection) and/or HD_CHANGE_RECTIFICATIONS (ids: the tasks). Lists returned here are
 * snapshots (new GListStores of new objects): read again on "changed". Errors are HD_STORE_ERROR
 * with a translated one-line message saying what and where; a refused command changes nothing. */
#pragma once

#include <gio/gio.h>

#include "hd-attachment.h"
#include "hd-light.h"
#include "hd-standards.h"
#include "hd-store.h"

G_BEGIN_DECLS

typedef enum {
  HD_INSPECTION_DRAFT,
  HD_INSPECTION_FINISHED,
} HdInspectionState;

/* Which list a rectification task is on: the problem list (问题清单) for items not met and red
 * lines hit, the improvement list (提升清单) for requirements partly met. */
typedef enum {
  HD_RECTIFICATION_PROBLEM,
  HD_RECTIFICATION_IMPROVEMENT,
} HdRectificationList;

typedef enum {
  HD_RECTIFICATION_OPEN,
  HD_RECTIFICATION_DONE,
  HD_RECTIFICATION_CANCELLED,
} HdRectificationState;

GType hd_inspection_state_get_type     (void) G_GNUC_CONST;
GType hd_rectification_list_get_type   (void) G_GNUC_CONST;
GType hd_rectification_state_get_type  (void) G_GNUC_CONST;
#define HD_TYPE_INSPECTION_STATE    (hd_inspection_state_get_type ())
#define HD_TYPE_RECTIFICATION_LIST  (hd_rectification_list_get_type ())
#define HD_TYPE_RECTIFICATION_STATE (hd_rectification_state_get_type ())

/* Stable spellings: "draft" / "finished"; "problem" / "improvement"; "open" / "done" /
 * "cancelled". from_string: FALSE for anything else, @out untouched. Labels are translated. */
const char *hd_inspection_state_to_string      (HdInspectionState     state);
gboolean    hd_inspection_state_from_string    (const char           *str,
                                                HdInspectionState    *out);
const char *hd_inspection_state_label          (HdInspectionState     state);
const char *hd_rectification_list_to_string    (HdRectificationList   list);
gboolean    hd_rectification_list_from_string  (const char           *str,
                                                HdRectificationList  *out);
const char *hd_rectification_list_label        (HdRectificationList   list);
const char *hd_rectification_state_to_string   (HdRectificationState  state);
gboolean    hd_rectification_state_from_string (const char           *str,
                                                HdRectificationState *out);
const char *hd_rectification_state_label       (HdRectificationState  state);

/* Rectification tasks are due this many days after the inspection's date. */
#define HD_RECTIFICATION_DUE_DAYS 30

/* ------------------------------------------------------------------------------------------ */
/* HdInspection                                                                               */

#define HD_TYPE_INSPECTION (hd_inspection_get_type ())
G_DECLARE_FINAL_TYPE (HdInspection, hd_inspection, HD, INSPECTION, GObject)

/* One inspection, as read from the store (a snapshot). Properties (read-write, but changing an
 * object changes nothing in the workspace: use the commands):
 *   id, subject-kind (HdSubjectKind), belt-id / site-id (exactly one set), subject-name,
 *   set-id, set-code, set-name, set-version, inspector, date ("YYYY-MM-DD", the visit's local
 *   date), state (HdInspectionState), score (double 0..100; -1 when there is none: a draft, or
 *   nothing scorable), light (HdLight of this inspection alone, see hd_light_of_score(); GREY
 *   for a draft), corrects-id (nullable: the finished inspection this one corrects), n-met,
 *   n-partly, n-not-met, n-na, red-lines-hit (ints; 0 for a draft), notes, finished (when it was
 *   finished: ISO 8601 UTC to the microsecond, or NULL), created, modified. */
/* Copies every property of @src into @self, notifying the ones that change (to update a shown
 * object in place from a fresh snapshot). The same for the other snapshot classes below. */
void               hd_inspection_copy_from         (HdInspection *self,
                                                    HdInspection *src);
const char        *hd_inspection_get_id            (HdInspection *self);
HdSubjectKind      hd_inspection_get_subject_kind  (HdInspection *self);
/* The site's or belt's id, whichever it is. */
const char        *hd_inspection_get_subject_id    (HdInspection *self);
const char        *hd_inspection_get_belt_id       (HdInspection *self);
const char        *hd_inspection_get_site_id       (HdInspection *self);
const char        *hd_inspection_get_subject_name  (HdInspection *self);
const char        *hd_inspection_get_set_id        (HdInspection *self);
const char        *hd_inspection_get_set_code      (HdInspection *self);
const char        *hd_inspection_get_set_name      (HdInspection *self);
int                hd_inspection_get_set_version   (HdInspection *self);
const char        *hd_inspection_get_inspector     (HdInspection *self);
const char        *hd_inspection_get_date          (HdInspection *self);
HdInspectionState  hd_inspection_get_state         (HdInspection *self);
double             hd_inspection_get_score         (HdInspection *self);
HdLight            hd_inspection_get_light         (HdInspection *self);
const char        *hd_inspection_get_corrects_id   (HdInspection *self);
int                hd_inspection_get_n_met         (HdInspection *self);
int                hd_inspection_get_n_partly      (HdInspection *self);
int                hd_inspection_get_n_not_met     (HdInspection *self);
int                hd_inspection_get_n_na          (HdInspection *self);
int                hd_inspection_get_red_lines_hit (HdInspection *self);
const char        *hd_inspection_get_notes         (HdInspection *self);
const char        *hd_inspection_get_finished      (HdInspection *self);
const char        *hd_inspection_get_created       (HdInspection *self);
const char        *hd_inspection_get_modified      (HdInspection *self);

/* ------------------------------------------------------------------------------------------ */
/* HdInspectionAnswer: one checklist row                                                      */

#define HD_TYPE_INSPECTION_ANSWER (hd_inspection_answer_get_type ())
G_DECLARE_FINAL_TYPE (HdInspectionAnswer, hd_inspection_answer, HD, INSPECTION_ANSWER, GObject)

/* An item of the inspection's set with its answer. Properties (read-write; a snapshot):
 *   item-id, position, code, title, title-en, guidance, kind (HdItemKind), weight,
 *   photo-required, category, answer (HdAnswer; NONE when unanswered), suggested (the answer was
 *   suggested from the data and not yet confirmed by the inspector), note, previous-answer
 *   (HdAnswer in the previous finished inspection of the same subject and set code, matched by
 *   item code; NONE when there is none), worse (TRUE when both answers are met / partly /
 *   not met and this one is lower: met > partly > not met). */
void         hd_inspection_answer_copy_from           (HdInspectionAnswer *self,
                                                      HdInspectionAnswer *src);
const char  *hd_inspection_answer_get_item_id         (HdInspectionAnswer *self);
int          hd_inspection_answer_get_position        (HdInspectionAnswer *self);
const char  *hd_inspection_answer_get_code            (HdInspectionAnswer *self);
const char  *hd_inspection_answer_get_title           (HdInspectionAnswer *self);
const char  *hd_inspection_answer_get_title_en        (HdInspectionAnswer *self);
const char  *hd_inspection_answer_get_guidance        (HdInspectionAnswer *self);
HdItemKind   hd_inspection_answer_get_kind            (HdInspectionAnswer *self);
double       hd_inspection_answer_get_weight          (HdInspectionAnswer *self);
gboolean     hd_inspection_answer_get_photo_required  (HdInspectionAnswer *self);
const char  *hd_inspection_answer_get_category        (HdInspectionAnswer *self);
HdAnswer     hd_inspection_answer_get_answer          (HdInspectionAnswer *self);
gboolean     hd_inspection_answer_get_suggested       (HdInspectionAnswer *self);
const char  *hd_inspection_answer_get_note            (HdInspectionAnswer *self);
HdAnswer     hd_inspection_answer_get_previous_answer (HdInspectionAnswer *self);
gboolean     hd_inspection_answer_get_worse           (HdInspectionAnswer *self);

/* ------------------------------------------------------------------------------------------ */
/* HdRectification: one task of the problem or improvement list                              */

#define HD_TYPE_RECTIFICATION (hd_rectification_get_type ())
G_DECLARE_FINAL_TYPE (HdRectification, hd_rectification, HD, RECTIFICATION, GObject)

/* Properties (read-write; a snapshot): id, inspection-id, inspection-date, item-id (nullable),
 * item-code, subject-kind, belt-id / site-id, subject-name, region-id (the subject's), list
 * (HdRectificationList), description, owner (nullable), due-date ("YYYY-MM-DD" or NULL), state
 * (HdRectificationState), overdue (open and due before the "today" the query was given),
 * closed-by-inspection-id (nullable), closed-date (nullable), created, modified. */
void                  hd_rectification_copy_from                   (HdRectification *self,
                                                                    HdRectification *src);
const char           *hd_rectification_get_id                      (HdRectification *self);
const char           *hd_rectification_get_inspection_id           (HdRectification *self);
const char           *hd_rectification_get_inspection_date         (HdRectification *self);
const char           *hd_rectification_get_item_id                 (HdRectification *self);
const char           *hd_rectification_get_item_code               (HdRectification *self);
HdSubjectKind         hd_rectification_get_subject_kind            (HdRectification *self);
const char           *hd_rectification_get_subject_id              (HdRectification *self);
const char           *hd_rectification_get_belt_id                 (HdRectification *self);
const char           *hd_rectification_get_site_id                 (HdRectification *self);
const char           *hd_rectification_get_subject_name            (HdRectification *self);
const char           *hd_rectification_get_region_id               (HdRectification *self);
HdRectificationList   hd_rectification_get_list                    (HdRectification *self);
const char           *hd_rectification_get_description             (HdRectification *self);
const char           *hd_rectification_get_owner                   (HdRectification *self);
const char           *hd_rectification_get_due_date                (HdRectification *self);
HdRectificationState  hd_rectification_get_state                   (HdRectification *self);
gboolean              hd_rectification_get_overdue                 (HdRectification *self);
const char           *hd_rectification_get_closed_by_inspection_id (HdRectification *self);
const char           *hd_rectification_get_closed_date             (HdRectification *self);
const char           *hd_rectification_get_created                 (HdRectification *self);
const char           *hd_rectification_get_modified                (HdRectification *self);

/* ------------------------------------------------------------------------------------------ */
/* HdDueSubject: one row of the "due this quarter" queue                                      */

#define HD_TYPE_DUE_SUBJECT (hd_due_subject_get_type ())
G_DECLARE_FINAL_TYPE (HdDueSubject, hd_due_subject, HD, DUE_SUBJECT, GObject)

/* Properties (read-write; a snapshot): subject-kind, subject-id, name, region-id, last-date
 * (date of the latest finished inspection, NULL when never inspected), days-since (days from
 * last-date to today; -1 when never inspected). */
void           hd_due_subject_copy_from        (HdDueSubject *self,
                                                HdDueSubject *src);
HdSubjectKind  hd_due_subject_get_subject_kind (HdDueSubject *self);
const char    *hd_due_subject_get_subject_id   (HdDueSubject *self);
const char    *hd_due_subject_get_name         (HdDueSubject *self);
const char    *hd_due_subject_get_region_id    (HdDueSubject *self);
const char    *hd_due_subject_get_last_date    (HdDueSubject *self);
int            hd_due_subject_get_days_since   (HdDueSubject *self);

/* ------------------------------------------------------------------------------------------ */
/* Workspace settings the lights use (table `setting`)                                        */

/* The red threshold (light.red_threshold; HD_DEFAULT_RED_THRESHOLD unless changed). */
double      hd_store_get_red_threshold   (HdStore      *self);
/* 0..100; emits "changed" with HD_CHANGE_INSPECTIONS and no ids, since every light may change. */
gboolean    hd_store_set_red_threshold   (HdStore      *self,
                                          double        threshold,
                                          GError      **error);
/* (transfer full): the workspace's IANA time zone name (HD_DEFAULT_TIME_ZONE unless changed). */
char       *hd_store_dup_time_zone_id    (HdStore      *self);
/* Refuses an identifier this system does not know (HD_STORE_ERROR_INVALID). Emits like
 * set_red_threshold. */
gboolean    hd_store_set_time_zone       (HdStore      *self,
                                          const char   *identifier,
                                          GError      **error);
/* Today in the workspace's time zone (hd_today_in_zone() at the current time). */
GDate       hd_store_get_today           (HdStore      *self);

/* ------------------------------------------------------------------------------------------ */
/* Inspection commands                                                                        */

/**
 * hd_store_start_inspection:
 * @kind: a site or a belt
 * @subject_id: the site's or belt's id (HD_STORE_ERROR_NOT_FOUND when there is none)
 * @set_id: a current (not superseded) set with at least one item whose applies-to is @kind
 *   (belt sets only on belts, site sets only on sites: HD_STORE_ERROR_INVALID otherwise)
 * @inspector: who inspects (not empty after trimming)
 * @date: a valid date: the visit's local date
 *
 * Starts a draft inspection with no answers.
 *
 * Returns: (transfer full) (nullable): the new draft, or %NULL with @error set
 */
HdInspection *hd_store_start_inspection        (HdStore       *self,
                                                HdSubjectKind  kind,
                                                const char    *subject_id,
                                                const char    *set_id,
                                                const char    *inspector,
                                                const GDate   *date,
                                                GError       **error);

/**
 * hd_store_suggest_inspection_answers:
 * @n_suggested: (out) (optional): how many answers were suggested
 *
 * For a draft of the five ones: suggests answers from the map data, stored with suggested = 1
 * for items that have no answer yet (an inspector's answer is never overwritten): route met when
 * the belt's route has at least 2 sites (not met otherwise); service_center, red_square and
 * corridor met when a site of that kind is on the route; red_logo met when the belt has a logo.
 * Items whose code is not one of those are left alone, so any other set gets no suggestions
 * (that is not an error). Refused on a finished inspection.
 */
gboolean      hd_store_suggest_inspection_answers (HdStore     *self,
                                                   const char  *inspection_id,
                                                   guint       *n_suggested,
                                                   GError     **error);

/**
 * hd_store_set_inspection_answer:
 * @item_id: an item of the inspection's set (HD_STORE_ERROR_NOT_FOUND otherwise)
 * @answer: the answer; HD_ANSWER_NONE removes it (and its note)
 *
 * Records one answer in its own small transaction (autosave) and marks it confirmed (suggested
 * = 0); an existing note stays. Refused on a finished inspection (HD_STORE_ERROR_INVALID).
 */
gboolean      hd_store_set_inspection_answer   (HdStore     *self,
                                                const char  *inspection_id,
                                                const char  *item_id,
                                                HdAnswer     answer,
                                                GError     **error);

/* An item's note (nullable / "" clears it). The item must be answered first
 * (HD_STORE_ERROR_INVALID otherwise); refused on a finished inspection. */
gboolean      hd_store_set_inspection_item_note (HdStore     *self,
                                                 const char  *inspection_id,
                                                 const char  *item_id,
                                                 const char  *note,
                                                 GError     **error);

/* The inspection's own notes (nullable clears); refused on a finished inspection. */
gboolean      hd_store_set_inspection_notes    (HdStore     *self,
                                                const char  *inspection_id,
                                                const char  *notes,
                                                GError     **error);

/**
 * hd_store_finish_inspection:
 *
 * Finishes a draft: refused (HD_STORE_ERROR_INVALID, the message names the items) while an item
 * is unanswered or a suggested answer is unconfirmed, or while an item that requires photo
 * evidence is answered met or partly and has no photo attached. Stores the score, tallies and the light of
 * the inspection on its own (the workspace's red threshold), makes it read-only, and:
 * - turns every requirement partly met (improvement list) or not met (problem list) and every red
 *   line hit (problem list) into an open rectification task due HD_RECTIFICATION_DUE_DAYS after
 *   the inspection's date, with no owner, unless an open task for the same subject, set code and
 *   item code exists already (it stays as it is);
 * - closes (state done, closed-by-inspection-id, closed-date = the inspection's date) the open
 *   tasks of the same subject whose set code and item code this inspection answers met.
 * Emits HD_CHANGE_INSPECTIONS and, when tasks were made or closed, HD_CHANGE_RECTIFICATIONS.
 */
gboolean      hd_store_finish_inspection       (HdStore     *self,
                                                const char  *inspection_id,
                                                GError     **error);

/**
 * hd_store_correct_inspection:
 * @inspection_id: a finished inspection (a draft is refused)
 *
 * Starts a correction: a new draft with corrects-id = @inspection_id, the same subject, set,
 * inspector and date, and a copy of its answers and notes (as confirmed answers).
 *
 * Returns: (transfer full) (nullable): the new draft
 */
HdInspection *hd_store_correct_inspection      (HdStore     *self,
                                                const char  *inspection_id,
                                                GError     **error);

/* Deletes a draft and its answers (finished inspections are records and are refused). */
gboolean      hd_store_delete_inspection       (HdStore     *self,
                                                const char  *inspection_id,
                                                GError     **error);

/* ------------------------------------------------------------------------------------------ */
/* Inspection queries                                                                         */

/* (transfer full) (nullable): one inspection; %NULL with HD_STORE_ERROR_NOT_FOUND. */
HdInspection *hd_store_get_inspection          (HdStore     *self,
                                                const char  *inspection_id,
                                                GError     **error);

/**
 * hd_store_list_inspections:
 * @subject_id: (nullable): a site's or belt's id; %NULL for every inspection in the workspace
 *
 * Returns: (transfer full) (element-type HdInspection): newest first (date, then time finished,
 * drafts of a day before its finished ones), or %NULL with @error set
 */
GListStore   *hd_store_list_inspections        (HdStore     *self,
                                                const char  *subject_id,
                                                GError     **error);

/* (transfer full) (element-type HdInspectionAnswer): every item of the inspection's set in
 * order, answered or not, with previous-answer and worse filled in; %NULL with
 * HD_STORE_ERROR_NOT_FOUND for an unknown inspection. */
GListStore   *hd_store_list_inspection_answers (HdStore     *self,
                                                const char  *inspection_id,
                                                GError     **error);

/* (transfer full) (element-type HdInspectionAnswer): only the items that got worse since the
 * previous finished inspection of the same subject and set code (see "worse" above). */
GListStore   *hd_store_list_worse_answers      (HdStore     *self,
                                                const char  *inspection_id,
                                                GError     **error);

/* (transfer full) (nullable): the id of the previous finished inspection of the same subject
 * and set code, or %NULL (with @error unset) when there is none. */
char         *hd_store_dup_previous_inspection_id (HdStore    *self,
                                                   const char *inspection_id,
                                                   GError    **error);

/**
 * hd_store_list_due_inspections:
 * @today: a valid date (hd_store_get_today())
 * @region_id: (nullable): only subjects in this region or a region inside it
 *
 * The "due this quarter" queue: sites and belts whose latest finished inspection (of any set)
 * is not in @today's quarter; never inspected ones first (by name), then the oldest first.
 *
 * Returns: (transfer full) (element-type HdDueSubject)
 */
GListStore   *hd_store_list_due_inspections    (HdStore      *self,
                                                const GDate  *today,
                                                const char   *region_id,
                                                GError      **error);

/* ------------------------------------------------------------------------------------------ */
/* Lights for the whole workspace                                                             */

/**
 * hd_store_compute_lights:
 * @today: a valid date (hd_store_get_today())
 * @site_lights: (out) (transfer full) (optional): site id (char *) → HdLight (GINT_TO_POINTER);
 *   every site of the workspace is a key
 * @belt_lights: (out) (transfer full) (optional): belt id → HdLight, likewise
 *
 * The current light of every site and belt from the stored summaries of the latest finished
 * inspection of each set (per subject) and the earliest due date of its open rectifications,
 * with the workspace's red threshold (see hd_light_compute()). A few SQL queries in one pass:
 * no per-subject query.
 */
gboolean      hd_store_compute_lights          (HdStore      *self,
                                                const GDate  *today,
                                                GHashTable  **site_lights,
                                                GHashTable  **belt_lights,
                                                GError      **error);

/* The light of one site or belt, with its reasons (for a detail view or tooltip); GREY with
 * HD_LIGHT_REASON_NEVER_INSPECTED for an unknown or never inspected subject. */
HdLight       hd_store_compute_subject_light   (HdStore        *self,
                                                const char     *subject_id,
                                                const GDate    *today,
                                                HdLightReasons *reasons,
                                                GError        **error);

/* ------------------------------------------------------------------------------------------ */
/* Rectifications                                                                             */

typedef struct {
  const char *region_id;      /* nullable: any; else subjects in this region or one inside it */
  const char *subject_id;     /* nullable: any; else one site's or belt's tasks */
  gboolean    overdue_only;   /* open and due before today */
  gboolean    include_closed; /* FALSE: open tasks only */
} HdRectificationFilter;

/**
 * hd_store_list_rectifications:
 * @filter: (nullable): %NULL lists every open task
 * @today: a valid date: decides "overdue"
 *
 * Returns: (transfer full) (element-type HdRectification): by due date (none last), then
 * subject name and item position
 */
GListStore   *hd_store_list_rectifications     (HdStore                     *self,
                                                const HdRectificationFilter *filter,
                                                const GDate                 *today,
                                                GError                     **error);

/* The owner (responsible person or unit; nullable / "" clears). */
gboolean      hd_store_set_rectification_owner (HdStore     *self,
                                                const char  *rectification_id,
                                                const char  *owner,
                                                GError     **error);
/* @due: (nullable): a valid date, or %NULL for no due date. */
gboolean      hd_store_set_rectification_due_date (HdStore     *self,
                                                   const char  *rectification_id,
                                                   const GDate *due,
                                                   GError     **error);
/* Done or cancelled by hand sets closed-date to the workspace's today (and no
 * closed-by-inspection); open again clears both. */
gboolean      hd_store_set_rectification_state (HdStore              *self,
                                                const char           *rectification_id,
                                                HdRectificationState  state,
                                                GError              **error);

/**
 * hd_store_export_rectifications_csv:
 * @filter: (nullable): as for hd_store_list_rectifications()
 * @length: (out) (optional): the length in bytes
 *
 * The problem and improvement lists as CSV for a spreadsheet: UTF-8 with a BOM (so Excel reads
 * Chinese correctly), CRLF line ends, a translated header row, every field quoted when it holds
 * a comma, quote or line break, and a text that starts with = + - @ prefixed with ' so a
 * spreadsheet never runs it as a formula.
 *
 * Returns: (transfer full) (nullable): the text
 */
char         *hd_store_export_rectifications_csv (HdStore                     *self,
                                                  const HdRectificationFilter *filter,
                                                  const GDate                 *today,
                                                  gsize                       *length,
                                                  GError                     **error);

/* ------------------------------------------------------------------------------------------ */
/* Photo evidence                                                                             */

#define HD_TYPE_INSPECTION_PHOTO (hd_inspection_photo_get_type ())
G_DECLARE_FINAL_TYPE (HdInspectionPhoto, hd_inspection_photo, HD, INSPECTION_PHOTO, GObject)

/* A photo attached to an inspection (and usually one of its items), stored by reference: the
 * file stays where the inspector keeps it; the store has its absolute path and SHA-256 so a
 * moved or edited file is noticed. Properties (read-only; a snapshot): id, inspection-id,
 * item-id (nullable), path, sha256 (lower-case hex), mime-type, caption (nullable), created,
 * missing (the file is gone), changed (its content differs from when it was attached). missing
 * and changed are decided by hd_inspection_photo_check(), which the listing calls. */
const char *hd_inspection_photo_get_id            (HdInspectionPhoto *self);
const char *hd_inspection_photo_get_inspection_id (HdInspectionPhoto *self);
const char *hd_inspection_photo_get_item_id       (HdInspectionPhoto *self);
const char *hd_inspection_photo_get_path          (HdInspectionPhoto *self);
const char *hd_inspection_photo_get_sha256        (HdInspectionPhoto *self);
const char *hd_inspection_photo_get_mime_type     (HdInspectionPhoto *self);
const char *hd_inspection_photo_get_caption       (HdInspectionPhoto *self);
const char *hd_inspection_photo_get_created       (HdInspectionPhoto *self);
gboolean    hd_inspection_photo_get_missing       (HdInspectionPhoto *self);
gboolean    hd_inspection_photo_get_changed       (HdInspectionPhoto *self);

/* Reads the file again (streaming) and updates missing / changed, notifying on a change.
 * Returns TRUE when the file is there and unchanged. Blocking I/O. */
gboolean    hd_inspection_photo_check             (HdInspectionPhoto *self,
                                                   GCancellable      *cancellable);

/**
 * hd_store_add_inspection_photo:
 * @item_id: (nullable): an item of the inspection's set, or %NULL for the inspection as a whole
 * @path: the photo's file (made absolute against the current directory when relative)
 *
 * Attaches a photo by reference: reads the file once to hash it and to sniff its type; only
 * images are accepted (HD_STORE_ERROR_INVALID naming the file otherwise; a file that is not there
 * gives HD_STORE_ERROR_NOT_FOUND, one that cannot be read HD_STORE_ERROR_FAILED). Refused on a finished inspection. One transaction; emits
 * HD_CHANGE_INSPECTIONS with the inspection's id.
 *
 * Returns: (transfer full) (nullable): the new photo
 */
HdInspectionPhoto *hd_store_add_inspection_photo (HdStore     *self,
                                                  const char  *inspection_id,
                                                  const char  *item_id,
                                                  const char  *path,
                                                  GError     **error);

/**
 * hd_store_list_inspection_photos:
 * @item_id: (nullable): only this item's photos; %NULL for every photo of the inspection
 *
 * Each photo is checked against its file (hd_inspection_photo_check()): this reads every file.
 *
 * Returns: (transfer full) (element-type HdInspectionPhoto): oldest first, or %NULL with @error
 */
GListStore   *hd_store_list_inspection_photos  (HdStore     *self,
                                                const char  *inspection_id,
                                                const char  *item_id,
                                                GError     **error);

/* Detaches a photo (the file itself is left alone); one undo step. Refused on a finished inspection;
 * HD_STORE_ERROR_NOT_FOUND for an unknown photo. Emits HD_CHANGE_INSPECTIONS. */
gboolean      hd_store_remove_inspection_photo (HdStore     *self,
                                                const char  *photo_id,
                                                GError     **error);

/* ------------------------------------------------------------------------------------------ */
/* Sample                                                                                     */

/**
 * hd_store_load_sample_inspections:
 * @data: (array length=length): the file's bytes (data/sample/inspections.json)
 * @source: the file name used in messages
 * @today: (nullable): the date "days_ago" counts back from; %NULL for hd_store_get_today()
 *
 * Loads a sample inspections file in one transaction: standard sets it defines, then its
 * inspections of sites and belts named in the workspace, each started, answered and (unless it
 * says "draft") finished through the same code paths as the commands above, so rectification
 * tasks and lights come out as they would in use. The format is described in the file's
 * "about" member. Errors name the inspection's index (from 1) and reason.
 */
gboolean      hd_store_load_sample_inspections (HdStore      *self,
                                                const char   *data,
                                                gsize         length,
                                                const char   *source,
                                                const GDate  *today,
                                                GError      **error);

G_END_DECLS
