/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-inspection-view"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hd-application.h"
#include "hd-checklist-row.h"
#include "hd-inspection-view.h"
#include "hd-light-dot.h"

struct _HdInspectionView
{
  GtkWidget       parent_instance;

  HdStore        *store;
  HdLights       *lights;
  GPtrArray      *inspections;  /* HdInspection, in the order opened */
  GPtrArray      *rows;         /* HdChecklistRow (the list owns them) */
  /* Our own commands also come back as "changed": no need to re-read then. */
  guint           saving;
  /* How many rectification tasks the finished inspections on show made. */
  guint           n_result_tasks;
  /* The last toast: a new one replaces it rather than queueing behind it. */
  AdwToast       *toast;

  /* template */
  GtkWidget      *box;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *confirm_all_button;
  GtkWidget      *correct_button;
  GtkWidget      *finish_button;
  GtkWidget      *progress_box;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *score_label;
  GtkRevealer    *result_revealer;
  HdLightDot     *result_dot;
  GtkLabel       *result_label;
  GtkLabel       *tasks_label;
  GtkListBox     *list;
  GtkWidget      *hint_label;
};

G_DEFINE_FINAL_TYPE (HdInspectionView, hd_inspection_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void hd_inspection_view_update (HdInspectionView *self);

char *
hd_inspection_view_format_progress (guint answered,
                                    guint total)
{
  /* Translators: checklist progress, e.g. "4 / 6 answered"; the plural follows the total */
  return g_strdup_printf (ngettext ("%u / %u answered", "%u / %u answered", total),
                          answered, total);
}

static void
toast (HdInspectionView *self,
       const char       *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_message ("%s", title);
      return;
    }

  /* "2 items still need an answer" is stale once the inspection is finished. */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_clear_object (&self->toast);
  self->toast = adw_toast_new (title);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (self->toast));
}

static HdInspection *
find_inspection (HdInspectionView *self,
                 const char       *inspection_id)
{
  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *inspection = g_ptr_array_index (self->inspections, i);

      if (g_strcmp0 (hd_inspection_get_id (inspection), inspection_id) == 0)
        return inspection;
    }
  return NULL;
}

static gboolean
row_is_editable (HdInspectionView *self,
                 HdChecklistRow   *row)
{
  HdInspection *inspection = find_inspection (self, hd_checklist_row_get_inspection_id (row));

  return inspection != NULL && hd_inspection_get_state (inspection) == HD_INSPECTION_DRAFT;
}

/* The row that has the focus or holds it (its note, its buttons); NULL when the focus is
 * elsewhere. */
static HdChecklistRow *
focused_row (HdInspectionView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list)))
    return NULL;

  row = HD_IS_CHECKLIST_ROW (focus) ? focus
                                    : gtk_widget_get_ancestor (focus, HD_TYPE_CHECKLIST_ROW);
  return row != NULL ? HD_CHECKLIST_ROW (row) : NULL;
}

static int
row_index (HdInspectionView *self,
           HdChecklistRow   *row)
{
  guint index;

  if (row != NULL && g_ptr_array_find (self->rows, row, &index))
    return (int) index;
  return -1;
}

static gboolean
row_needs_answer (HdChecklistRow *row)
{
  return hd_checklist_row_get_answer (row) == HD_ANSWER_NONE ||
         hd_checklist_row_get_suggested (row);
}

static HdChecklistRow *
first_row_needing_answer (HdInspectionView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      HdChecklistRow *row = g_ptr_array_index (self->rows, i);

      if (row_is_editable (self, row) && row_needs_answer (row))
        return row;
    }
  return NULL;
}

static void
focus_row (HdInspectionView *self,
           HdChecklistRow   *row)
{
  if (row == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (row));
}

void
hd_inspection_view_focus_current (HdInspectionView *self)
{
  HdChecklistRow *row;

  g_return_if_fail (HD_IS_INSPECTION_VIEW (self));

  row = first_row_needing_answer (self);
  if (row != NULL)
    focus_row (self, row);
  else if (hd_inspection_view_get_editable (self))
    gtk_widget_grab_focus (self->finish_button);
  else if (self->rows->len > 0)
    focus_row (self, g_ptr_array_index (self->rows, 0));
}

/* After an answer: the next item, or (at the end) the first one still open, or Finish. */
static void
focus_after (HdInspectionView *self,
             HdChecklistRow   *row)
{
  int index = row_index (self, row);

  if (index >= 0 && (guint) index + 1 < self->rows->len)
    focus_row (self, g_ptr_array_index (self->rows, index + 1));
  else
    hd_inspection_view_focus_current (self);
}

static void
save_note (HdInspectionView *self,
           HdChecklistRow   *row,
           const char       *note)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  /* The store keeps notes with answers: an unanswered item's note is saved with its answer. */
  if (hd_checklist_row_get_answer (row) == HD_ANSWER_NONE || !row_is_editable (self, row))
    return;

  self->saving++;
  ok = hd_store_set_inspection_item_note (self->store,
                                          hd_checklist_row_get_inspection_id (row),
                                          hd_checklist_row_get_item_id (row),
                                          note, &error);
  self->saving--;

  if (!ok)
    {
      g_autofree char *message = NULL;

      /* Translators: a toast; %s is the reason */
      message = g_strdup_printf (_("The note was not saved: %s"), error->message);
      toast (self, message);
    }
}

static gboolean
save_answer (HdInspectionView *self,
             HdChecklistRow   *row,
             HdAnswer          answer)
{
  g_autoptr(GError) error = NULL;
  const char *note;
  gboolean had_answer = hd_checklist_row_get_answer (row) != HD_ANSWER_NONE;
  gboolean ok;

  if (!row_is_editable (self, row))
    {
      toast (self, _("This inspection is finished; use “Correct…” to change it"));
      return FALSE;
    }

  self->saving++;
  ok = hd_store_set_inspection_answer (self->store,
                                       hd_checklist_row_get_inspection_id (row),
                                       hd_checklist_row_get_item_id (row),
                                       answer, &error);
  self->saving--;

  if (!ok)
    {
      g_autofree char *message = NULL;

      /* Translators: a toast; %s is the reason */
      message = g_strdup_printf (_("The answer was not saved: %s"), error->message);
      toast (self, message);
      /* Show what is stored, not what was clicked. */
      hd_checklist_row_set_answer (row, hd_checklist_row_get_answer (row),
                                   hd_checklist_row_get_suggested (row));
      hd_inspection_view_update (self);
      return FALSE;
    }

  hd_checklist_row_set_answer (row, answer, FALSE);

  /* A note typed before the answer goes in now. */
  note = hd_checklist_row_get_note_text (row);
  if (!had_answer && answer != HD_ANSWER_NONE && note != NULL && *note != '\0')
    save_note (self, row, note);

  hd_inspection_view_update (self);
  return TRUE;
}

static void
on_row_answer_chosen (HdInspectionView *self,
                      int               answer,
                      HdChecklistRow   *row)
{
  save_answer (self, row, answer);
}

static void
on_row_note_changed (HdInspectionView *self,
                     const char       *note,
                     HdChecklistRow   *row)
{
  save_note (self, row, note);
}

static void
on_row_note_activated (HdInspectionView *self,
                       HdChecklistRow   *row)
{
  focus_after (self, row);
}

static void
flush_notes (HdInspectionView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    hd_checklist_row_flush_note (g_ptr_array_index (self->rows, i));
}

/* Texts */

static char *
format_score (double score)
{
  /* Translators: a checklist score out of 100, e.g. "83.3" */
  return g_strdup_printf (_("%.1f"), score);
}

static void
update_header (HdInspectionView *self)
{
  g_autoptr(GString) sets = g_string_new (NULL);
  g_autofree char *subtitle = NULL;
  HdInspection *first;
  const char *state;
  gboolean any_draft = FALSE;
  gboolean correction = FALSE;

  if (self->inspections->len == 0)
    {
      gtk_label_set_label (self->title_label, NULL);
      gtk_label_set_label (self->subtitle_label, NULL);
      return;
    }

  first = g_ptr_array_index (self->inspections, 0);
  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *inspection = g_ptr_array_index (self->inspections, i);

      if (sets->len > 0)
        g_string_append (sets, " + ");
      g_string_append (sets, hd_inspection_get_set_name (inspection));
      any_draft |= hd_inspection_get_state (inspection) == HD_INSPECTION_DRAFT;
      correction |= hd_inspection_get_corrects_id (inspection) != NULL;
    }

  if (any_draft && correction)
    state = _("Correction (draft)");
  else
    state = hd_inspection_state_label (any_draft ? HD_INSPECTION_DRAFT : HD_INSPECTION_FINISHED);

  /* Translators: under an inspection's title: standard set(s), inspector, date, state,
   * e.g. "六有 · 王督导 · 2025-06-01 · Draft" */
  subtitle = g_strdup_printf (_("%s · %s · %s · %s"),
                              sets->str,
                              hd_inspection_get_inspector (first),
                              hd_inspection_get_date (first),
                              state);

  gtk_label_set_label (self->title_label, hd_inspection_get_subject_name (first));
  gtk_label_set_label (self->subtitle_label, subtitle);
}

/* The score so far, per set, from the answers on screen (the same pure rule the store uses). */
static char *
format_live_score (HdInspectionView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *inspection = g_ptr_array_index (self->inspections, i);
      g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (HdScoredAnswer));
      g_autofree char *score_text = NULL;
      HdScore score;

      for (guint j = 0; j < self->rows->len; j++)
        {
          HdChecklistRow *row = g_ptr_array_index (self->rows, j);
          HdScoredAnswer scored;

          if (g_strcmp0 (hd_checklist_row_get_inspection_id (row),
                         hd_inspection_get_id (inspection)) != 0)
            continue;

          scored.kind = hd_checklist_row_get_kind (row);
          scored.weight = hd_checklist_row_get_weight (row);
          scored.answer = hd_checklist_row_get_answer (row);
          g_array_append_val (answers, scored);
        }

      hd_score_answers ((const HdScoredAnswer *) (gpointer) answers->data, answers->len, &score);
      if (!score.has_score)
        continue;

      score_text = format_score (score.score);
      if (text->len > 0)
        g_string_append (text, " · ");
      if (self->inspections->len > 1)
        g_string_append_printf (text, "%s %s", hd_inspection_get_set_name (inspection), score_text);
      else
        g_string_append (text, score_text);
    }

  if (text->len == 0)
    return NULL;

  /* Translators: next to the checklist's progress; %s is e.g. "83.3", or with two sets
   * "六有 83.3 · 五个基本 70.0" */
  return g_strdup_printf (_("Score so far: %s"), text->str);
}

static void
update_result (HdInspectionView *self)
{
  g_autoptr(GString) result = g_string_new (NULL);
  g_autoptr(GString) tasks = g_string_new (NULL);
  HdLight worst = HD_LIGHT_GREY;
  guint n_tasks = 0;
  gboolean any_finished = FALSE;

  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *inspection = g_ptr_array_index (self->inspections, i);
      HdRectificationFilter filter = { 0 };
      g_autoptr(GListStore) found = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *score_text = NULL;
      GDate today = hd_store_get_today (self->store);
      HdLight light;

      if (hd_inspection_get_state (inspection) != HD_INSPECTION_FINISHED)
        continue;
      any_finished = TRUE;

      light = hd_inspection_get_light (inspection);
      if (light > worst)
        worst = light;

      if (result->len > 0)
        g_string_append (result, " · ");
      if (self->inspections->len > 1)
        g_string_append_printf (result, "%s: ", hd_inspection_get_set_name (inspection));
      if (hd_inspection_get_score (inspection) >= 0)
        {
          score_text = format_score (hd_inspection_get_score (inspection));
          /* Translators: an inspection's result, e.g. "Score 66.7, Yellow" */
          g_string_append_printf (result, _("Score %s, %s"), score_text, hd_light_label (light));
        }
      else
        /* Translators: an inspection's result when nothing could be scored,
         * e.g. "no score, Green" */
        g_string_append_printf (result, _("no score, %s"), hd_light_label (light));

      /* The tasks this inspection made, open or since closed. */
      filter.subject_id = hd_inspection_get_subject_id (inspection);
      filter.include_closed = TRUE;
      found = hd_store_list_rectifications (self->store, &filter, &today, &error);
      if (found == NULL)
        {
          g_debug ("Cannot list the rectifications: %s", error->message);
          continue;
        }

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (found)); j++)
        {
          g_autoptr(HdRectification) task = g_list_model_get_item (G_LIST_MODEL (found), j);

          if (g_strcmp0 (hd_rectification_get_inspection_id (task),
                         hd_inspection_get_id (inspection)) != 0)
            continue;

          n_tasks++;
          g_string_append (tasks, tasks->len > 0 ? "\n" : "");
          /* Translators: one rectification task after finishing: list, item code, what, due date,
           * e.g. "Problem list · A3 有党旗 · due 2025-07-01" */
          g_string_append_printf (tasks, _("%s · %s %s · due %s"),
                                  hd_rectification_list_label (hd_rectification_get_list (task)),
                                  hd_rectification_get_item_code (task),
                                  hd_rectification_get_description (task),
                                  hd_rectification_get_due_date (task) != NULL ?
                                    hd_rectification_get_due_date (task) : "—");
        }
    }

  self->n_result_tasks = n_tasks;
  gtk_revealer_set_reveal_child (self->result_revealer, any_finished);
  if (!any_finished)
    return;

  hd_light_dot_set (self->result_dot, worst, HD_LIGHT_REASON_NONE);
  gtk_label_set_label (self->result_label, result->str);

  if (n_tasks == 0)
    gtk_label_set_label (self->tasks_label, _("No rectification tasks: everything was met."));
  else
    {
      g_autofree char *text = NULL;

      /* Translators: above the list of rectification tasks an inspection made */
      text = g_strdup_printf (ngettext ("%u rectification task:\n%s",
                                        "%u rectification tasks:\n%s", n_tasks),
                              n_tasks, tasks->str);
      gtk_label_set_label (self->tasks_label, text);
    }
}

static void
hd_inspection_view_update (HdInspectionView *self)
{
  g_autofree char *progress = NULL;
  g_autofree char *score = NULL;
  guint answered = hd_inspection_view_get_n_answered (self);
  guint total = self->rows->len;
  gboolean editable = hd_inspection_view_get_editable (self);
  gboolean any_suggested = FALSE;
  gboolean any_finished = FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      HdChecklistRow *row = g_ptr_array_index (self->rows, i);

      any_suggested |= hd_checklist_row_get_suggested (row) &&
                       hd_checklist_row_get_answer (row) != HD_ANSWER_NONE &&
                       row_is_editable (self, row);
    }
  for (guint i = 0; i < self->inspections->len; i++)
    any_finished |= hd_inspection_get_state (g_ptr_array_index (self->inspections, i)) ==
                    HD_INSPECTION_FINISHED;

  progress = hd_inspection_view_format_progress (answered, total);
  gtk_label_set_label (self->progress_label, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) answered / total : 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, progress,
                                  -1);

  /* Once finished, the result panel gives the stored score. */
  score = editable ? format_live_score (self) : NULL;
  gtk_label_set_label (self->score_label, score);

  gtk_widget_set_visible (self->finish_button, editable);
  gtk_widget_set_visible (self->confirm_all_button, editable && any_suggested);
  gtk_widget_set_visible (self->correct_button, !editable && any_finished);
  gtk_widget_set_visible (self->hint_label, editable);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insp.finish", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insp.answer", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insp.clear-answer", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insp.attach-photo", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insp.confirm-suggestions",
                                 editable && any_suggested);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insp.correct", !editable && any_finished);
}

/* Building */

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  HdInspectionView *self = user_data;
  const char *id = hd_checklist_row_get_inspection_id (HD_CHECKLIST_ROW (row));
  HdInspection *inspection;
  GtkWidget *label;

  /* A heading per set, only when several sets are checked together. */
  if (self->inspections->len < 2 ||
      (before != NULL &&
       g_strcmp0 (hd_checklist_row_get_inspection_id (HD_CHECKLIST_ROW (before)), id) == 0))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  inspection = find_inspection (self, id);
  label = gtk_label_new (inspection != NULL ? hd_inspection_get_set_name (inspection) : NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_header (row, label);
}

static void
remove_rows (HdInspectionView *self)
{
  GtkWidget *child;

  flush_notes (self);
  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

/* Gives every row its item's photos: one listing per inspection (each file is checked, so a
 * photo moved away since is flagged). */
static void
sync_photos (HdInspectionView *self)
{
  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *inspection = g_ptr_array_index (self->inspections, i);
      const char *inspection_id = hd_inspection_get_id (inspection);
      g_autoptr(GHashTable) by_item = NULL;
      g_autoptr(GListStore) photos = NULL;
      g_autoptr(GError) error = NULL;

      photos = hd_store_list_inspection_photos (self->store, inspection_id, NULL, &error);
      if (photos == NULL)
        {
          g_warning ("Cannot list the photos: %s", error->message);
          continue;
        }
      by_item = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (photos)); j++)
        {
          g_autoptr(HdInspectionPhoto) photo = g_list_model_get_item (G_LIST_MODEL (photos), j);
          const char *item_id = hd_inspection_photo_get_item_id (photo);
          GListStore *list;

          if (item_id == NULL)
            continue;
          list = g_hash_table_lookup (by_item, item_id);
          if (list == NULL)
            {
              list = g_list_store_new (HD_TYPE_INSPECTION_PHOTO);
              g_hash_table_insert (by_item, g_strdup (item_id), list);
            }
          g_list_store_append (list, photo);
        }
      for (guint k = 0; k < self->rows->len; k++)
        {
          HdChecklistRow *row = g_ptr_array_index (self->rows, k);

          if (g_strcmp0 (hd_checklist_row_get_inspection_id (row), inspection_id) == 0)
            hd_checklist_row_set_photos (row, g_hash_table_lookup (by_item,
                                                                   hd_checklist_row_get_item_id (row)));
        }
    }
}

static void
attach_photos (HdInspectionView *self,
               HdChecklistRow   *row,
               GListModel       *files)
{
  guint attached = 0;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autoptr(HdInspectionPhoto) photo = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_file_get_path (file);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (file);

          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("“%s” is not a local file"), uri);
        }
      else
        photo = hd_store_add_inspection_photo (self->store, hd_checklist_row_get_inspection_id (row),
                                               hd_checklist_row_get_item_id (row), path, &error);
      if (photo == NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: a toast; %s is the reason */
          message = g_strdup_printf (_("The photo was not attached: %s"), error->message);
          toast (self, message);
          return;
        }
      attached++;
    }

  if (attached > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("%u photo attached to “%s”", "%u photos attached to “%s”",
                                           attached),
                                 attached, hd_checklist_row_get_title (row));
      toast (self, message);
    }
}

static void
on_photo_chooser_response (GtkNativeDialog *chooser,
                           int              response,
                           gpointer         user_data)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (user_data);
  HdChecklistRow *row = g_object_get_data (G_OBJECT (chooser), "hd-row");

  if (response == GTK_RESPONSE_ACCEPT && row != NULL && g_ptr_array_find (self->rows, row, NULL))
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      attach_photos (self, row, files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_photos (HdInspectionView *self,
               HdChecklistRow   *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (!row_is_editable (self, row))
    {
      toast (self, _("This inspection is finished; use “Correct…” to change it"));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Attach a Photo"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_mime_type (filter, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* The row outlives the chooser only if the list is not rebuilt meanwhile: checked on reply. */
  g_object_set_data_full (G_OBJECT (chooser), "hd-row", g_object_ref (row), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_photo_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_row_photo_requested (HdInspectionView *self,
                        HdChecklistRow   *row)
{
  choose_photos (self, row);
}

static void
on_row_photo_remove_requested (HdInspectionView *self,
                               const char       *photo_id,
                               HdChecklistRow   *row)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;
  AdwToast *undo_toast;

  if (!hd_store_remove_inspection_photo (self->store, photo_id, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: a toast; %s is the reason */
      message = g_strdup_printf (_("The photo was not removed: %s"), error->message);
      toast (self, message);
      return;
    }
  /* One undo step: the toast offers it (the file itself was never touched). */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  undo_toast = adw_toast_new (_("Photo removed"));
  adw_toast_set_button_label (undo_toast, _("_Undo"));
  adw_toast_set_action_name (undo_toast, "win.undo");
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), undo_toast);
}

static gboolean
build_rows (HdInspectionView  *self,
            GError           **error)
{
  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *inspection = g_ptr_array_index (self->inspections, i);
      g_autoptr(GListStore) answers = NULL;
      gboolean editable = hd_inspection_get_state (inspection) == HD_INSPECTION_DRAFT;

      answers = hd_store_list_inspection_answers (self->store, hd_inspection_get_id (inspection),
                                                  error);
      if (answers == NULL)
        return FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (answers)); j++)
        {
          g_autoptr(HdInspectionAnswer) answer = g_list_model_get_item (G_LIST_MODEL (answers), j);
          GtkWidget *row = hd_checklist_row_new (answer, hd_inspection_get_id (inspection),
                                                 editable);

          g_signal_connect_object (row, "answer-chosen",
                                   G_CALLBACK (on_row_answer_chosen), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "note-changed",
                                   G_CALLBACK (on_row_note_changed), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "note-activated",
                                   G_CALLBACK (on_row_note_activated), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "photo-requested",
                                   G_CALLBACK (on_row_photo_requested), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "photo-remove-requested",
                                   G_CALLBACK (on_row_photo_remove_requested), self, G_CONNECT_SWAPPED);
          gtk_list_box_append (self->list, row);
          g_ptr_array_add (self->rows, row);
        }
    }

  sync_photos (self);
  return TRUE;
}

void
hd_inspection_view_clear (HdInspectionView *self)
{
  g_return_if_fail (HD_IS_INSPECTION_VIEW (self));

  remove_rows (self);
  g_ptr_array_set_size (self->inspections, 0);
  update_header (self);
  update_result (self);
  hd_inspection_view_update (self);
}

gboolean
hd_inspection_view_open (HdInspectionView    *self,
                         const char * const  *inspection_ids,
                         GError             **error)
{
  g_autoptr(GPtrArray) inspections = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (HD_IS_INSPECTION_VIEW (self), FALSE);
  g_return_val_if_fail (inspection_ids != NULL, FALSE);

  for (guint i = 0; inspection_ids[i] != NULL; i++)
    {
      HdInspection *inspection = hd_store_get_inspection (self->store, inspection_ids[i], error);

      if (inspection == NULL)
        {
          hd_inspection_view_clear (self);
          return FALSE;
        }
      g_ptr_array_add (inspections, inspection);
    }

  remove_rows (self);
  g_ptr_array_set_size (self->inspections, 0);
  g_ptr_array_extend_and_steal (self->inspections, g_steal_pointer (&inspections));

  if (!build_rows (self, error))
    {
      hd_inspection_view_clear (self);
      return FALSE;
    }

  gtk_list_box_invalidate_headers (self->list);
  update_header (self);
  update_result (self);
  hd_inspection_view_update (self);
  return TRUE;
}

/* Re-reads after a change from elsewhere (another window or process): answers are updated in
 * place so the focus and a note being typed stay; a change of state rebuilds. */
static void
reload (HdInspectionView *self)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  gboolean rebuild = FALSE;
  g_autofree char *focused_item = NULL;
  HdChecklistRow *row;

  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *old = g_ptr_array_index (self->inspections, i);
      g_autoptr(HdInspection) now = NULL;

      now = hd_store_get_inspection (self->store, hd_inspection_get_id (old), NULL);

      /* Deleted (a draft thrown away elsewhere): drop it. */
      if (now == NULL)
        {
          rebuild = TRUE;
          continue;
        }
      g_strv_builder_add (builder, hd_inspection_get_id (old));
      rebuild |= hd_inspection_get_state (now) != hd_inspection_get_state (old);
      g_ptr_array_index (self->inspections, i) = g_steal_pointer (&now);
      g_object_unref (old);
    }
  ids = g_strv_builder_end (builder);

  if (rebuild)
    {
      row = focused_row (self);
      if (row != NULL)
        focused_item = g_strdup (hd_checklist_row_get_item_id (row));

      if (!hd_inspection_view_open (self, (const char * const *) ids, &error))
        toast (self, error->message);

      for (guint i = 0; focused_item != NULL && i < self->rows->len; i++)
        if (g_strcmp0 (hd_checklist_row_get_item_id (g_ptr_array_index (self->rows, i)),
                       focused_item) == 0)
          focus_row (self, g_ptr_array_index (self->rows, i));
      return;
    }

  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *inspection = g_ptr_array_index (self->inspections, i);
      g_autoptr(GListStore) answers = NULL;

      answers = hd_store_list_inspection_answers (self->store, hd_inspection_get_id (inspection),
                                                  &error);
      if (answers == NULL)
        {
          toast (self, error->message);
          return;
        }

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (answers)); j++)
        {
          g_autoptr(HdInspectionAnswer) answer = g_list_model_get_item (G_LIST_MODEL (answers), j);

          for (guint k = 0; k < self->rows->len; k++)
            {
              row = g_ptr_array_index (self->rows, k);
              if (g_strcmp0 (hd_checklist_row_get_inspection_id (row),
                             hd_inspection_get_id (inspection)) != 0 ||
                  g_strcmp0 (hd_checklist_row_get_item_id (row),
                             hd_inspection_answer_get_item_id (answer)) != 0)
                continue;

              hd_checklist_row_set_answer (row, hd_inspection_answer_get_answer (answer),
                                           hd_inspection_answer_get_suggested (answer));
              hd_checklist_row_set_note (row, hd_inspection_answer_get_note (answer));
            }
        }
    }
  sync_photos (self);

  update_header (self);
  update_result (self);
  hd_inspection_view_update (self);
}

static void
on_store_changed (HdInspectionView *self,
                  guint             kinds,
                  GStrv             ids,
                  HdStore          *store)
{
  gboolean ours = FALSE;

  if (self->saving > 0 || self->inspections->len == 0)
    return;
  if ((kinds & (HD_CHANGE_INSPECTIONS | HD_CHANGE_STANDARDS)) == 0)
    return;

  /* No ids: everything may have changed (a refresh from another process). */
  if (ids == NULL || ids[0] == NULL)
    ours = TRUE;
  for (guint i = 0; !ours && ids[i] != NULL; i++)
    ours = find_inspection (self, ids[i]) != NULL;

  if (ours)
    reload (self);
}

/* Actions */

static HdChecklistRow *
target_row (HdInspectionView *self)
{
  HdChecklistRow *row = focused_row (self);

  return row != NULL ? row : first_row_needing_answer (self);
}

static void
answer_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (widget);
  int answer = g_variant_get_int32 (parameter);
  HdChecklistRow *row = target_row (self);

  if (row == NULL || answer <= HD_ANSWER_NONE || answer > HD_ANSWER_NA)
    return;

  if (save_answer (self, row, answer))
    focus_after (self, row);
}

static void
clear_answer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (widget);
  HdChecklistRow *row = focused_row (self);

  if (row != NULL && hd_checklist_row_get_answer (row) != HD_ANSWER_NONE)
    save_answer (self, row, HD_ANSWER_NONE);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (widget);
  int step = g_str_equal (action_name, "insp.next") ? 1 : -1;
  HdChecklistRow *row = focused_row (self);
  int index = row_index (self, row);

  if (self->rows->len == 0)
    return;

  if (index < 0)
    index = step > 0 ? 0 : (int) self->rows->len - 1;
  else
    index = CLAMP (index + step, 0, (int) self->rows->len - 1);

  focus_row (self, g_ptr_array_index (self->rows, index));
}

static void
focus_note_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (widget);
  HdChecklistRow *row = target_row (self);

  if (row != NULL)
    hd_checklist_row_focus_note (row);
}

static void
attach_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (widget);
  HdChecklistRow *row = focused_row (self);

  if (row != NULL)
    choose_photos (self, row);
}

static void
confirm_suggestions_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (widget);
  guint confirmed = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      HdChecklistRow *row = g_ptr_array_index (self->rows, i);

      if (hd_checklist_row_get_suggested (row) &&
          hd_checklist_row_get_answer (row) != HD_ANSWER_NONE &&
          row_is_editable (self, row))
        {
          if (!save_answer (self, row, hd_checklist_row_get_answer (row)))
            return;
          confirmed++;
        }
    }

  if (confirmed > 0)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (ngettext ("%u suggested answer confirmed",
                                           "%u suggested answers confirmed", confirmed),
                                 confirmed);
      toast (self, message);
    }
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (widget);
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  HdChecklistRow *open_row;
  guint open = 0;

  if (!hd_inspection_view_get_editable (self))
    return;

  flush_notes (self);

  for (guint i = 0; i < self->rows->len; i++)
    {
      HdChecklistRow *row = g_ptr_array_index (self->rows, i);

      if (row_is_editable (self, row) && row_needs_answer (row))
        open++;
    }

  if (open > 0)
    {
      message = g_strdup_printf (ngettext ("%u item still needs an answer (or a confirmation)",
                                           "%u items still need an answer (or a confirmation)",
                                           open),
                                 open);
      toast (self, message);
      open_row = first_row_needing_answer (self);
      focus_row (self, open_row);
      return;
    }

  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *inspection = g_ptr_array_index (self->inspections, i);
      gboolean ok;

      g_strv_builder_add (builder, hd_inspection_get_id (inspection));
      if (hd_inspection_get_state (inspection) != HD_INSPECTION_DRAFT)
        continue;

      self->saving++;
      ok = hd_store_finish_inspection (self->store, hd_inspection_get_id (inspection), &error);
      self->saving--;
      if (!ok)
        {
          /* Translators: a toast; %s is the reason */
          message = g_strdup_printf (_("Cannot finish the inspection: %s"), error->message);
          toast (self, message);
          break;
        }
    }

  ids = g_strv_builder_end (builder);
  if (!hd_inspection_view_open (self, (const char * const *) ids, &error))
    {
      toast (self, error->message);
      return;
    }

  if (message != NULL)
    return;

  /* What finishing did, in one line: score, light, tasks (the panel above lists them). */
  {
    g_autofree char *tasks = NULL;
    const char *result = gtk_label_get_label (self->result_label);

    tasks = g_strdup_printf (ngettext ("%u rectification task", "%u rectification tasks",
                                       self->n_result_tasks),
                             self->n_result_tasks);
    /* Translators: a toast after finishing; the first %s is e.g. "Score 66.7, Yellow", the
     * second "2 rectification tasks" */
    message = g_strdup_printf (_("Inspection finished: %s; %s"), result, tasks);
    toast (self, message);
  }

  gtk_widget_grab_focus (GTK_WIDGET (self->list));
  if (self->rows->len > 0)
    focus_row (self, g_ptr_array_index (self->rows, 0));
}

static void
on_correct_response (HdInspectionView *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "correct") != 0)
    return;

  for (guint i = 0; i < self->inspections->len; i++)
    {
      HdInspection *inspection = g_ptr_array_index (self->inspections, i);
      g_autoptr(HdInspection) draft = NULL;

      if (hd_inspection_get_state (inspection) != HD_INSPECTION_FINISHED)
        continue;

      self->saving++;
      draft = hd_store_correct_inspection (self->store, hd_inspection_get_id (inspection), &error);
      self->saving--;
      if (draft == NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: a toast; %s is the reason */
          message = g_strdup_printf (_("Cannot start a correction: %s"), error->message);
          toast (self, message);
          return;
        }
      g_strv_builder_add (builder, hd_inspection_get_id (draft));
    }

  ids = g_strv_builder_end (builder);
  if (ids[0] == NULL)
    return;

  if (!hd_inspection_view_open (self, (const char * const *) ids, &error))
    {
      toast (self, error->message);
      return;
    }
  hd_inspection_view_focus_current (self);
}

static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (hd_inspection_view_get_editable (self) || self->inspections->len == 0)
    return;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Correct This Inspection?"),
                                   _("A finished inspection stays on record. The correction starts "
                                     "as a new draft with the same answers; once finished, it "
                                     "replaces this one in the lights and the history."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "correct", _("_Start Correction"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "correct",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "correct");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_correct_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Keys: handled before the focused widget sees them (capture), so that a toggle button or the
 * list box does not eat the digits and arrows; but never while the inspector types a note,
 * except the keys that leave it. */
static gboolean
on_key_pressed (HdInspectionView      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  HdChecklistRow *row = focused_row (self);
  gboolean in_text = focus != NULL && GTK_IS_EDITABLE (focus);
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK |
                                  GDK_SUPER_MASK);

  if (self->inspections->len == 0)
    return GDK_EVENT_PROPAGATE;

  if ((mods & GDK_CONTROL_MASK) &&
      (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter))
    return gtk_widget_activate_action (GTK_WIDGET (self), "insp.finish", NULL);

  if (mods & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  if (in_text)
    {
      /* Only a note can have the focus in here; these keys leave it. */
      if (row == NULL)
        return GDK_EVENT_PROPAGATE;
      switch (keyval)
        {
        case GDK_KEY_Up:
        case GDK_KEY_KP_Up:
          return gtk_widget_activate_action (GTK_WIDGET (self), "insp.previous", NULL);
        case GDK_KEY_Down:
        case GDK_KEY_KP_Down:
          return gtk_widget_activate_action (GTK_WIDGET (self), "insp.next", NULL);
        case GDK_KEY_Escape:
          hd_checklist_row_flush_note (row);
          focus_row (self, row);
          return GDK_EVENT_STOP;
        default:
          return GDK_EVENT_PROPAGATE;
        }
    }

  switch (keyval)
    {
    case GDK_KEY_1:
    case GDK_KEY_KP_1:
      return gtk_widget_activate_action (GTK_WIDGET (self), "insp.answer", "i", HD_ANSWER_MET);
    case GDK_KEY_2:
    case GDK_KEY_KP_2:
      return gtk_widget_activate_action (GTK_WIDGET (self), "insp.answer", "i", HD_ANSWER_PARTLY);
    case GDK_KEY_3:
    case GDK_KEY_KP_3:
      return gtk_widget_activate_action (GTK_WIDGET (self), "insp.answer", "i", HD_ANSWER_NOT_MET);
    case GDK_KEY_4:
    case GDK_KEY_KP_4:
      return gtk_widget_activate_action (GTK_WIDGET (self), "insp.answer", "i", HD_ANSWER_NA);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_k:
      return gtk_widget_activate_action (GTK_WIDGET (self), "insp.previous", NULL);
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_j:
      return gtk_widget_activate_action (GTK_WIDGET (self), "insp.next", NULL);
    case GDK_KEY_n:
    case GDK_KEY_N:
      return gtk_widget_activate_action (GTK_WIDGET (self), "insp.focus-note", NULL);
    case GDK_KEY_p:
    case GDK_KEY_P:
      if (row == NULL)
        return GDK_EVENT_PROPAGATE;
      return gtk_widget_activate_action (GTK_WIDGET (self), "insp.attach-photo", NULL);
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (row == NULL)
        return GDK_EVENT_PROPAGATE;
      return gtk_widget_activate_action (GTK_WIDGET (self), "insp.clear-answer", NULL);
    case GDK_KEY_Escape:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.show-map", NULL);
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Properties, life cycle */

guint
hd_inspection_view_get_n_inspections (HdInspectionView *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_VIEW (self), 0);

  return self->inspections->len;
}

HdInspection *
hd_inspection_view_get_inspection (HdInspectionView *self,
                                   guint             index)
{
  g_return_val_if_fail (HD_IS_INSPECTION_VIEW (self), NULL);

  if (index >= self->inspections->len)
    return NULL;
  return g_ptr_array_index (self->inspections, index);
}

gboolean
hd_inspection_view_get_editable (HdInspectionView *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_VIEW (self), FALSE);

  for (guint i = 0; i < self->inspections->len; i++)
    if (hd_inspection_get_state (g_ptr_array_index (self->inspections, i)) == HD_INSPECTION_DRAFT)
      return TRUE;
  return FALSE;
}

guint
hd_inspection_view_get_n_items (HdInspectionView *self)
{
  g_return_val_if_fail (HD_IS_INSPECTION_VIEW (self), 0);

  return self->rows->len;
}

guint
hd_inspection_view_get_n_answered (HdInspectionView *self)
{
  guint n = 0;

  g_return_val_if_fail (HD_IS_INSPECTION_VIEW (self), 0);

  for (guint i = 0; i < self->rows->len; i++)
    if (!row_needs_answer (g_ptr_array_index (self->rows, i)))
      n++;
  return n;
}

static void
hd_inspection_view_constructed (GObject *object)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (object);

  G_OBJECT_CLASS (hd_inspection_view_parent_class)->constructed (object);

  g_return_if_fail (HD_IS_STORE (self->store));

  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  hd_inspection_view_update (self);
}

static void
hd_inspection_view_dispose (GObject *object)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (object);

  if (self->rows != NULL)
    flush_notes (self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_INSPECTION_VIEW);

  g_clear_pointer (&self->inspections, g_ptr_array_unref);
  g_clear_object (&self->toast);
  g_clear_object (&self->lights);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_inspection_view_parent_class)->dispose (object);
}

static void
hd_inspection_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_LIGHTS:
      g_value_set_object (value, self->lights);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_inspection_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  HdInspectionView *self = HD_INSPECTION_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_LIGHTS:
      self->lights = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_inspection_view_class_init (HdInspectionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_inspection_view_constructed;
  object_class->dispose = hd_inspection_view_dispose;
  object_class->get_property = hd_inspection_view_get_property;
  object_class->set_property = hd_inspection_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LIGHTS] =
    g_param_spec_object ("lights", NULL, NULL,
                         HD_TYPE_LIGHTS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HD_TYPE_LIGHT_DOT);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-inspection-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, box);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, title_label);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, confirm_all_button);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, correct_button);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, finish_button);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, score_label);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, result_revealer);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, result_dot);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, result_label);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, tasks_label);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, list);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionView, hint_label);

  gtk_widget_class_install_action (widget_class, "insp.answer", "i", answer_action);
  gtk_widget_class_install_action (widget_class, "insp.clear-answer", NULL, clear_answer_action);
  gtk_widget_class_install_action (widget_class, "insp.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "insp.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "insp.focus-note", NULL, focus_note_action);
  gtk_widget_class_install_action (widget_class, "insp.confirm-suggestions", NULL,
                                   confirm_suggestions_action);
  gtk_widget_class_install_action (widget_class, "insp.attach-photo", NULL, attach_photo_action);
  gtk_widget_class_install_action (widget_class, "insp.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "insp.correct", NULL, correct_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdinspectionview");
}

static void
hd_inspection_view_init (HdInspectionView *self)
{
  GtkEventController *keys;

  self->inspections = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list, header_func, self, NULL);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_name (keys, "hd-checklist-keys");
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
hd_inspection_view_new (HdStore  *store,
                        HdLights *lights)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (lights == NULL || HD_IS_LIGHTS (lights), NULL);

  return g_object_new (HD_TYPE_INSPECTION_VIEW,
                       "store", store,
                       "lights", lights,
                       NULL);
}
