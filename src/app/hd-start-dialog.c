/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-start-dialog"

#include <glib/gi18n.h>

#include "hd-application.h"
#include "hd-start-dialog.h"
#include "hd-subject.h"

struct _HdStartDialog
{
  AdwMessageDialog  parent_instance;

  HdStore          *store;
  GSettings        *settings;
  HdSubjectKind     kind;
  char             *subject_id;
  GPtrArray        *checks;   /* GtkCheckButton, each with its set id as "hd-set-id" data */
  gboolean          syncing;

  /* template */
  GtkListBox       *sets_list;
  AdwEntryRow      *inspector_row;
  AdwEntryRow      *date_row;
  GtkMenuButton    *calendar_button;
  GtkCalendar      *calendar;
};

G_DEFINE_FINAL_TYPE (HdStartDialog, hd_start_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  STARTED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SET_ID_KEY "hd-set-id"

const char *
hd_start_dialog_check_date (const char *text,
                            GDate      *out)
{
  GDate date;

  if (text == NULL || *text == '\0')
    return _("Enter the date of the visit");

  g_date_clear (&date, 1);
  if (!hd_date_parse (text, &date))
    return _("Write the date as YYYY-MM-DD, e.g. 2025-06-01");

  if (out != NULL)
    *out = date;
  return NULL;
}

gboolean
hd_start_dialog_is_valid (HdStartDialog *self)
{
  g_autofree char *inspector = NULL;
  gboolean any_set = FALSE;

  g_return_val_if_fail (HD_IS_START_DIALOG (self), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    any_set |= gtk_check_button_get_active (g_ptr_array_index (self->checks, i));

  inspector = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->inspector_row))));

  return any_set && *inspector != '\0' &&
         hd_start_dialog_check_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)),
                                     NULL) == NULL;
}

GStrv
hd_start_dialog_dup_set_ids (HdStartDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HD_IS_START_DIALOG (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), SET_ID_KEY));
    }

  return g_strv_builder_end (builder);
}

GStrv
hd_start_dialog_dup_offered_set_ids (HdStartDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HD_IS_START_DIALOG (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    g_strv_builder_add (builder, g_object_get_data (g_ptr_array_index (self->checks, i), SET_ID_KEY));

  return g_strv_builder_end (builder);
}

static void
on_input_changed (HdStartDialog *self)
{
  const char *date_text = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  const char *problem = hd_start_dialog_check_date (date_text, NULL);

  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->date_row), problem);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "start",
                                           hd_start_dialog_is_valid (self));
}

static void
on_day_selected (HdStartDialog *self,
                 GtkCalendar   *calendar)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (calendar);
  g_autofree char *text = NULL;

  if (self->syncing)
    return;

  text = g_date_time_format (picked, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), text);
  gtk_menu_button_popdown (self->calendar_button);
}

/* A draft of this set already open for the subject is taken up, not doubled. */
static HdInspection *
find_draft (HdStartDialog *self,
            const char    *set_id)
{
  g_autoptr(GListStore) inspections = NULL;

  inspections = hd_store_list_inspections (self->store, self->subject_id, NULL);
  if (inspections == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (inspections)); i++)
    {
      g_autoptr(HdInspection) inspection = g_list_model_get_item (G_LIST_MODEL (inspections), i);

      if (hd_inspection_get_state (inspection) == HD_INSPECTION_DRAFT &&
          hd_inspection_get_corrects_id (inspection) == NULL &&
          g_strcmp0 (hd_inspection_get_set_id (inspection), set_id) == 0)
        return g_steal_pointer (&inspection);
    }
  return NULL;
}

static gboolean
start (HdStartDialog  *self,
       GStrv          *ids_out,
       GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) set_ids = hd_start_dialog_dup_set_ids (self);
  g_autofree char *inspector = NULL;
  GDate date;

  inspector = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->inspector_row))));
  g_date_clear (&date, 1);
  hd_start_dialog_check_date (gtk_editable_get_text (GTK_EDITABLE (self->date_row)), &date);

  for (guint i = 0; set_ids[i] != NULL; i++)
    {
      g_autoptr(HdInspection) inspection = find_draft (self, set_ids[i]);

      if (inspection == NULL)
        inspection = hd_store_start_inspection (self->store, self->kind, self->subject_id,
                                                set_ids[i], inspector, &date, error);
      if (inspection == NULL)
        return FALSE;

      /* The five ones are partly known from the map; other sets get no suggestions. */
      if (!hd_store_suggest_inspection_answers (self->store, hd_inspection_get_id (inspection),
                                                NULL, error))
        return FALSE;

      g_strv_builder_add (builder, hd_inspection_get_id (inspection));
    }

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "inspector-name", inspector);

  *ids_out = g_strv_builder_end (builder);
  return TRUE;
}

static void
on_response (HdStartDialog *self,
             const char    *response)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "start") != 0 || !hd_start_dialog_is_valid (self))
    return;

  if (!start (self, &ids, &error))
    {
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  g_signal_emit (self, signals[STARTED], 0, ids);
}

static void
fill_sets (HdStartDialog *self)
{
  g_autoptr(GListStore) sets = NULL;
  g_autoptr(GError) error = NULL;
  const char *preferred = self->kind == HD_SUBJECT_BELT ? HD_STANDARD_FIVE_ONES
                                                        : HD_STANDARD_SIX_HAVES;
  GtkCheckButton *first = NULL;
  gboolean any_ticked = FALSE;

  sets = hd_store_list_standard_sets (self->store, FALSE, &error);
  if (sets == NULL)
    {
      g_warning ("Cannot list the standard sets: %s", error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (sets)); i++)
    {
      g_autoptr(HdStandardSet) set = g_list_model_get_item (G_LIST_MODEL (sets), i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      GtkWidget *check;
      int n_items;

      if (hd_standard_set_get_applies_to (set) != self->kind ||
          hd_standard_set_get_superseded_by (set) != NULL)
        continue;

      n_items = hd_standard_set_get_n_items (set);
      subtitle = g_strdup_printf (ngettext ("%d item", "%d items", n_items), n_items);

      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (check), SET_ID_KEY,
                              g_strdup (hd_standard_set_get_id (set)), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_input_changed), self,
                               G_CONNECT_SWAPPED);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hd_standard_set_get_name (set));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->sets_list, row);

      if (g_strcmp0 (hd_standard_set_get_code (set), preferred) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          any_ticked = TRUE;
        }
      if (first == NULL)
        first = GTK_CHECK_BUTTON (check);
      g_ptr_array_add (self->checks, check);
    }

  if (!any_ticked && first != NULL)
    gtk_check_button_set_active (first, TRUE);
}

static void
hd_start_dialog_dispose (GObject *object)
{
  HdStartDialog *self = HD_START_DIALOG (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_START_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hd_start_dialog_parent_class)->dispose (object);
}

static void
hd_start_dialog_finalize (GObject *object)
{
  HdStartDialog *self = HD_START_DIALOG (object);

  g_free (self->subject_id);

  G_OBJECT_CLASS (hd_start_dialog_parent_class)->finalize (object);
}

static void
hd_start_dialog_class_init (HdStartDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_start_dialog_dispose;
  object_class->finalize = hd_start_dialog_finalize;

  signals[STARTED] =
    g_signal_new ("started",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
  signals[FAILED] =
    g_signal_new ("failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-start-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HdStartDialog, sets_list);
  gtk_widget_class_bind_template_child (widget_class, HdStartDialog, inspector_row);
  gtk_widget_class_bind_template_child (widget_class, HdStartDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, HdStartDialog, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, HdStartDialog, calendar);
  gtk_widget_class_bind_template_callback (widget_class, on_input_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected);
}

static void
hd_start_dialog_init (HdStartDialog *self)
{
  self->checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
}

GtkWidget *
hd_start_dialog_new (GtkWindow     *parent,
                     HdStore       *store,
                     GSettings     *settings,
                     HdSubjectKind  kind,
                     const char    *subject_id)
{
  HdStartDialog *self;
  g_autofree char *heading = NULL;
  g_autofree char *today_text = NULL;
  g_autofree char *inspector = NULL;
  g_autoptr(GDateTime) today_time = NULL;
  const char *name;
  GDate today;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (subject_id != NULL, NULL);

  self = g_object_new (HD_TYPE_START_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;
  self->kind = kind;
  self->subject_id = g_strdup (subject_id);

  name = hd_subject_get_name (store, kind, subject_id);
  /* Translators: the heading of the dialog that starts an inspection; %s is the site or belt */
  heading = g_strdup_printf (_("Inspect %s"), name != NULL ? name : subject_id);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);

  fill_sets (self);

  if (settings != NULL)
    inspector = g_settings_get_string (settings, "inspector-name");
  gtk_editable_set_text (GTK_EDITABLE (self->inspector_row), inspector != NULL ? inspector : "");

  /* Today in the workspace's zone (the documents' cadence is Beijing time). */
  today = hd_store_get_today (store);
  today_text = hd_date_to_string (&today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), today_text);
  today_time = g_date_time_new_local (g_date_get_year (&today), g_date_get_month (&today),
                                      g_date_get_day (&today), 12, 0, 0);
  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, today_time);
  self->syncing = FALSE;

  on_input_changed (self);

  /* The name is what usually needs typing; with a remembered name, Enter starts at once. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->inspector_row));

  return GTK_WIDGET (self);
}
