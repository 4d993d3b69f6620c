/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-window"

#include <glib/gi18n.h>

#include "hd-belt-row.h"
#include "hd-geojson.h"
#include "hd-history-view.h"
#include "hd-inspection-view.h"
#include "hd-inspections-panel.h"
#include "hd-lights.h"
#include "hd-belt-table.h"
#include "hd-site-table.h"
#include "hd-map-layers-button.h"
#include "hd-map-view.h"
#include "hd-plan-editor.h"
#include "hd-plan-progress.h"
#include "hd-plan-view.h"
#include "hd-plans-panel.h"
#include "hd-site-row.h"
#include "hd-start-dialog.h"
#include "hd-subject.h"
#include "hd-window.h"
#include "hd-site-editor.h"
#include "hd-belt-editor.h"
#include "hd-region-editor.h"

/* The screenshot waits for this many frames and this long after the window is mapped, so the
 * lists have rows and the map has placed its markers. */
#define SCREENSHOT_FRAMES   3
#define SCREENSHOT_DELAY_US (300 * G_TIME_SPAN_MILLISECOND)
#define SCREENSHOT_SETTLE_US (3 * G_TIME_SPAN_SECOND)

struct _HdWindow
{
  AdwApplicationWindow  parent_instance;

  HdStore              *store;
  gboolean              failed;

  GtkStringFilter      *belt_filter;
  GtkStringFilter      *site_filter;
  GtkSortListModel     *belt_model;
  GtkSortListModel     *site_model;
  GtkSingleSelection   *belt_selection;
  GtkSingleSelection   *site_selection;
  GtkFileChooserNative *import_chooser;

  /* Inspections (issue 5): the lights of the workspace, computed once per store change, and
   * the widgets that show them */
  HdLights             *lights;
  HdMapView            *map_view;
  HdInspectionsPanel   *inspections_panel;
  HdHistoryView        *history_view;
  HdInspectionView     *inspection_view;
  /* Plans (issue 6) */
  HdPlansPanel         *plans_panel;
  HdPlanView           *plan_view;
  /* The tables (issue 4): the content area shows one instead of the map (Ctrl+T) */
  HdRecordTable        *site_table;
  HdRecordTable        *belt_table;

  /* Selection on the map and in the sidebar follow each other; TRUE while one sets the other. */
  gboolean              syncing_selection;

  /* hd_window_fix_size() */
  int                   fixed_width;
  int                   fixed_height;
  guint                 fix_size_tick_id;
  /* The pending hd_window_screenshot_async(), not owned: its tick callback owns it. */
  GTask                *screenshot;

  /* template */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  AdwViewStack         *sidebar_stack;
  GtkSearchEntry       *belt_search;
  GtkSearchEntry       *site_search;
  GtkListView          *belt_list;
  GtkListView          *site_list;
  AdwBin               *map_bin;
  GtkStack             *content_stack;
  AdwBin               *inspections_bin;
  AdwBin               *history_bin;
  AdwBin               *inspection_bin;
  AdwBin               *plans_bin;
  AdwBin               *plan_bin;
  GtkStack             *table_stack;
  GtkToggleButton      *table_button;
  AdwStatusPage        *empty_page;
  GtkWidget            *open_sample_button;
  AdwStatusPage        *error_page;
};

G_DEFINE_FINAL_TYPE (HdWindow, hd_window, ADW_TYPE_APPLICATION_WINDOW)

/* The task data of hd_window_screenshot_async() */
typedef struct {
  GFile    *file;
  guint     tick_id;
  gulong    unrealize_id;
  guint     frames;
  gint64    first_frame;
  gboolean  returned;
} Screenshot;

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* belts, sites and inspections are the sidebar's pages; due and rectifications are the tabs of
 * the inspections page (see hd_window_set_page()). */
static const char * const page_names[] = {
  "belts", "sites", "site-table", "belt-table", "inspections", "due", "rectifications", "plans",
  NULL
};
/* The pages the "sidebar-page" setting remembers. */
static const char * const sidebar_pages[] = { "belts", "sites", "inspections", "plans", NULL };

static gboolean
hd_window_is_empty (HdWindow *self)
{
  return g_list_model_get_n_items (hd_store_get_belts (self->store)) == 0 &&
         g_list_model_get_n_items (hd_store_get_sites (self->store)) == 0;
}

static void
hd_window_update_state (HdWindow *self)
{
  gboolean empty = FALSE;

  if (self->failed || self->store == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "error");
  else
    {
      empty = hd_window_is_empty (self);
      gtk_stack_set_visible_child_name (self->main_stack, empty ? "empty" : "workspace");
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import",
                                 self->store != NULL && !self->failed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-standard-set",
                                 self->store != NULL && !self->failed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-inspection",
                                 self->store != NULL && !self->failed && !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-history",
                                 self->store != NULL && !self->failed && !empty);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-inspection",
                                 self->store != NULL && !self->failed && !empty);
  /* The sample goes into an empty workspace only: it never mixes with real data. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-sample",
                                 self->store != NULL && !self->failed && empty &&
                                 hd_store_is_empty (self->store));
}

static void
on_store_items_changed (HdWindow   *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  hd_window_update_state (self);
}

static void
on_belt_search_changed (HdWindow       *self,
                        GtkSearchEntry *entry)
{
  if (self->belt_filter != NULL)
    gtk_string_filter_set_search (self->belt_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_site_search_changed (HdWindow       *self,
                        GtkSearchEntry *entry)
{
  if (self->site_filter != NULL)
    gtk_string_filter_set_search (self->site_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* store model -> filtered by a substring of the name -> sorted by name */
static GtkSortListModel *
create_name_model (GListModel       *model,
                   GType             item_type,
                   GtkStringFilter **filter_out)
{
  GtkStringFilter *filter;
  GtkStringSorter *sorter;
  GtkFilterListModel *filtered;

  filter = gtk_string_filter_new (gtk_property_expression_new (item_type, NULL, "name"));
  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (filter, TRUE);
  *filter_out = g_object_ref (filter);

  sorter = gtk_string_sorter_new (gtk_property_expression_new (item_type, NULL, "name"));
  gtk_string_sorter_set_ignore_case (sorter, TRUE);

  filtered = gtk_filter_list_model_new (g_object_ref (model), GTK_FILTER (filter));

  return gtk_sort_list_model_new (G_LIST_MODEL (filtered), GTK_SORTER (sorter));
}

static void
set_subtitle_from_path (HdWindow   *self,
                        const char *path)
{
  g_autofree char *name = NULL;

  if (path != NULL)
    name = g_filename_display_basename (path);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), path);
}

void
hd_window_add_toast (HdWindow   *self,
                     const char *title)
{
  g_return_if_fail (HD_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

void
hd_window_show_error_dialog (HdWindow     *self,
                             const char   *heading,
                             const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (HD_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
hd_window_show_store_error (HdWindow     *self,
                            const char   *path,
                            const GError *error)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (HD_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  self->failed = TRUE;
  set_subtitle_from_path (self, path);

  /* AdwStatusPage:description is markup; the message quotes file names. */
  markup = g_markup_escape_text (error->message, -1);
  adw_status_page_set_description (self->error_page, markup);
  hd_window_update_state (self);

  hd_window_show_error_dialog (self, _("Cannot Open the Workspace"), error);
}

static char *
format_import_summary (const HdImportSummary *summary)
{
  g_autofree char *sites = NULL;
  g_autofree char *belts = NULL;

  sites = g_strdup_printf (ngettext ("%u site", "%u sites", summary->sites_added),
                           summary->sites_added);
  belts = g_strdup_printf (ngettext ("%u belt", "%u belts", summary->belts_added),
                           summary->belts_added);

  /* Translators: a toast after an import; the first %s is "N sites", the second "M belts" */
  return g_strdup_printf (_("Imported %s, %s"), sites, belts);
}

gboolean
hd_window_import_files (HdWindow   *self,
                        GListModel *files)
{
  g_autoptr(HdImportBatch) batch = NULL;
  g_auto(HdImportSummary) summary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n;

  g_return_val_if_fail (HD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (files), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  n = g_list_model_get_n_items (files);
  if (n == 0)
    return TRUE;

  batch = hd_import_batch_new ();

  /* All files go into one batch and one transaction: a bad feature anywhere changes nothing. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);

      if (!hd_geojson_parse_file (batch, file, &error))
        {
          hd_window_show_error_dialog (self, _("Import Failed"), error);
          return FALSE;
        }
    }

  if (!hd_store_import (self->store, batch, FALSE, &summary, &error))
    {
      hd_window_show_error_dialog (self, _("Import Failed"), error);
      return FALSE;
    }

  message = format_import_summary (&summary);
  hd_window_add_toast (self, message);
  return TRUE;
}

gboolean
hd_window_import_standard_set_file (HdWindow      *self,
                                    GFile         *file,
                                    const char    *code,
                                    const char    *name,
                                    HdSubjectKind  applies_to)
{
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;

  g_return_val_if_fail (HD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!hd_standard_set_parse_file (file, &set, &items, &error))
    {
      hd_window_show_error_dialog (self, _("Cannot Import the Standard Set"), error);
      return FALSE;
    }
  /* A CSV file holds items only: what the set is comes from the inspector. */
  basename = g_file_get_basename (file);
  lower = basename != NULL ? g_ascii_strdown (basename, -1) : NULL;
  if (lower != NULL && g_str_has_suffix (lower, ".csv"))
    hd_standard_set_set_applies_to (set, applies_to);
  if (code != NULL && *code != '\0')
    hd_standard_set_set_code (set, code);
  if (name != NULL && *name != '\0')
    hd_standard_set_set_name (set, name);

  set_id = hd_store_import_standard_set (self->store, set, items, &error);
  if (set_id == NULL)
    {
      hd_window_show_error_dialog (self, _("Cannot Import the Standard Set"), error);
      return FALSE;
    }

  count = g_strdup_printf (ngettext ("%u item", "%u items", items->len), items->len);
  /* Translators: a toast after importing a standard set: its name, then "N items" */
  message = g_strdup_printf (_("Imported “%s” with %s"), hd_standard_set_get_name (set), count);
  hd_window_add_toast (self, message);
  return TRUE;
}

typedef struct {
  GFile       *file;
  AdwEntryRow *code_row;
  AdwEntryRow *name_row;
  AdwComboRow *applies_row;
} SetDetails;

static void
set_details_free (gpointer data)
{
  SetDetails *details = data;

  g_clear_object (&details->file);
  g_free (details);
}

static void
on_set_details_response (HdWindow         *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  SetDetails *details = g_object_get_data (G_OBJECT (dialog), "hd-set-details");
  HdSubjectKind kind;

  if (g_strcmp0 (response, "import") != 0 || details == NULL || self->store == NULL)
    return;
  kind = adw_combo_row_get_selected (details->applies_row) == 1 ? HD_SUBJECT_BELT : HD_SUBJECT_SITE;
  hd_window_import_standard_set_file (self, details->file,
                                      gtk_editable_get_text (GTK_EDITABLE (details->code_row)),
                                      gtk_editable_get_text (GTK_EDITABLE (details->name_row)),
                                      kind);
}

static void
on_set_details_changed (AdwMessageDialog *dialog)
{
  SetDetails *details = g_object_get_data (G_OBJECT (dialog), "hd-set-details");
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (details->code_row))));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (details->name_row))));

  adw_message_dialog_set_response_enabled (dialog, "import", *code != '\0' && *name != '\0');
}

/* A CSV file has items only: asks for the set's code, name and what it applies to, with the
 * file's name as the default. */
static void
ask_set_details (HdWindow *self,
                 GFile    *file)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *stem = NULL;
  g_autofree char *code = NULL;
  SetDetails *details = g_new0 (SetDetails, 1);
  GtkWidget *dialog;
  GtkWidget *group;
  char *dot;

  stem = g_strdup (basename != NULL ? basename : "");
  if ((dot = strrchr (stem, '.')) != NULL)
    *dot = '\0';
  code = g_strdelimit (g_strdup (stem), " ", '_');

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Import Standard Set"),
                                   _("A CSV file lists items only. Name the set and say what it applies to."));
  details->file = g_object_ref (file);
  g_object_set_data_full (G_OBJECT (dialog), "hd-set-details", details, set_details_free);

  group = adw_preferences_group_new ();
  details->code_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details->code_row), _("Code"));
  gtk_editable_set_text (GTK_EDITABLE (details->code_row), code);
  details->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details->name_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (details->name_row), stem);
  details->applies_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (details->applies_row), _("Applies To"));
  gtk_string_list_append (kinds, hd_subject_kind_label (HD_SUBJECT_SITE));
  gtk_string_list_append (kinds, hd_subject_kind_label (HD_SUBJECT_BELT));
  adw_combo_row_set_model (details->applies_row, G_LIST_MODEL (kinds));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (details->code_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (details->name_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (details->applies_row));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_swapped (details->code_row, "changed", G_CALLBACK (on_set_details_changed), dialog);
  g_signal_connect_swapped (details->name_row, "changed", G_CALLBACK (on_set_details_changed), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_set_details_response), self,
                           G_CONNECT_SWAPPED);
  on_set_details_changed (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_set_response (HdWindow             *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *basename = file != NULL ? g_file_get_basename (file) : NULL;
      g_autofree char *lower = basename != NULL ? g_ascii_strdown (basename, -1) : NULL;

      if (lower != NULL && g_str_has_suffix (lower, ".csv"))
        ask_set_details (self, file);
      else if (file != NULL)
        hd_window_import_standard_set_file (self, file, NULL, NULL, HD_SUBJECT_SITE);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
import_standard_set_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  g_autoptr(GtkFileFilter) sets = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  gtk_file_filter_set_name (sets, _("Standard Sets (JSON, CSV)"));
  gtk_file_filter_add_suffix (sets, "json");
  gtk_file_filter_add_suffix (sets, "csv");

  chooser = gtk_file_chooser_native_new (_("Import Standard Set"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), sets);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_set_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_import_response (HdWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      hd_window_import_files (self, files);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->import_chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  g_autoptr(GtkFileFilter) geojson = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->store == NULL)
    return;

  if (self->import_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
      return;
    }

  gtk_file_filter_set_name (geojson, _("GeoJSON Files"));
  gtk_file_filter_add_suffix (geojson, "geojson");
  gtk_file_filter_add_suffix (geojson, "json");
  gtk_file_filter_add_mime_type (geojson, "application/geo+json");

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  /* GtkFileDialog is GTK 4.10; this is the 4.8 way (and it goes through the portal). */
  self->import_chooser = gtk_file_chooser_native_new (_("Import GeoJSON Files"),
                                                      GTK_WINDOW (self),
                                                      GTK_FILE_CHOOSER_ACTION_OPEN,
                                                      _("_Import"),
                                                      _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->import_chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->import_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), geojson);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->import_chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->import_chooser), geojson);

  g_signal_connect_object (self->import_chooser, "response",
                           G_CALLBACK (on_import_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->import_chooser));
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || !hd_store_is_empty (self->store))
    return;

  if (!hd_store_load_sample (self->store, &error))
    {
      hd_window_show_error_dialog (self, _("Cannot Open the Sample Workspace"), error);
      return;
    }

  hd_window_add_toast (self, _("Sample workspace opened"));
}

static void
update_undo_actions (HdWindow *self)
{
  gboolean usable = self->store != NULL && !self->failed;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 usable && hd_store_can_undo (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 usable && hd_store_can_redo (self->store));
}

static void
undo_redo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  label = g_strdup (undo ? hd_store_get_undo_label (self->store)
                         : hd_store_get_redo_label (self->store));
  if (!(undo ? hd_store_undo (self->store, &error) : hd_store_redo (self->store, &error)))
    {
      hd_window_show_error_dialog (self, undo ? _("Cannot Undo") : _("Cannot Redo"), error);
      return;
    }
  /* Translators: a toast; %s is what was undone or redone, e.g. "Delete 3 sites" */
  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label ? label : "");
  hd_window_add_toast (self, message);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->sidebar_stack);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "workspace") != 0)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "table") == 0 &&
      self->site_table != NULL)
    {
      HdRecordTable *table = g_strcmp0 (gtk_stack_get_visible_child_name (self->table_stack),
                                        "belts") == 0 ? self->belt_table : self->site_table;

      gtk_widget_grab_focus (hd_record_table_get_search_entry (table));
    }
  else if (g_strcmp0 (page, "sites") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->site_search));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->belt_search));
}

/* Editors */

static HdSite *
lookup_site_or_selected (HdWindow   *self,
                         const char *site_id)
{
  if (site_id != NULL && *site_id != '\0')
    return hd_store_lookup_site (self->store, site_id);
  return gtk_single_selection_get_selected_item (self->site_selection);
}

static HdBelt *
lookup_belt_or_selected (HdWindow   *self,
                         const char *belt_id)
{
  if (belt_id != NULL && *belt_id != '\0')
    return hd_store_lookup_belt (self->store, belt_id);
  return gtk_single_selection_get_selected_item (self->belt_selection);
}

GtkWidget *
hd_window_edit_site (HdWindow   *self,
                     const char *site_id)
{
  HdSite *site = NULL;
  GtkWidget *editor;

  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  if (self->store == NULL || self->failed)
    return NULL;
  if (site_id != NULL)
    {
      site = lookup_site_or_selected (self, site_id);
      if (site == NULL)
        {
          hd_window_add_toast (self, _("Select a site first"));
          return NULL;
        }
    }
  editor = hd_site_editor_new (GTK_WINDOW (self), self->store, site);
  hd_site_editor_set_map (HD_SITE_EDITOR (editor), hd_map_view_get_interaction (self->map_view));
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

GtkWidget *
hd_window_edit_belt (HdWindow   *self,
                     const char *belt_id)
{
  HdBelt *belt = NULL;
  GtkWidget *editor;

  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  if (self->store == NULL || self->failed)
    return NULL;
  if (belt_id != NULL)
    {
      belt = lookup_belt_or_selected (self, belt_id);
      if (belt == NULL)
        {
          hd_window_add_toast (self, _("Select a belt first"));
          return NULL;
        }
    }
  editor = hd_belt_editor_new (GTK_WINDOW (self), self->store, belt);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_region_editor_destroy (HdWindow *self)
{
  g_object_set_data (G_OBJECT (self), "hd-region-editor", NULL);
}

/* The region editor: one per window, brought to the front when it is open already. */
GtkWidget *
hd_window_edit_regions (HdWindow *self)
{
  GtkWidget *editor;

  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  if (self->store == NULL || self->failed)
    return NULL;
  editor = g_object_get_data (G_OBJECT (self), "hd-region-editor");
  if (editor == NULL)
    {
      /* Closing it destroys it (and so does closing this window); a new one opens next time. */
      editor = hd_region_editor_new (GTK_WINDOW (self), self->store);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (editor), TRUE);
      g_object_set_data (G_OBJECT (self), "hd-region-editor", editor);
      g_signal_connect_object (editor, "destroy", G_CALLBACK (on_region_editor_destroy), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
delete_site_now (HdWindow   *self,
                 const char *site_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  const char *ids[] = { site_id, NULL };
  HdSite *site = hd_store_lookup_site (self->store, site_id);
  AdwToast *toast;

  if (site == NULL)
    return;
  name = g_strdup (hd_site_get_name (site));
  if (!hd_store_delete_sites (self->store, ids, &error))
    {
      hd_window_show_error_dialog (self, _("Cannot Delete the Site"), error);
      return;
    }
  /* Translators: a toast after a delete; %s is the site's name */
  title = g_strdup_printf (_("Deleted “%s”"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_delete_site_response (HdWindow         *self,
                         const char       *response,
                         AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "delete") == 0)
    delete_site_now (self, g_object_get_data (G_OBJECT (dialog), "site-id"));
}

GtkWidget *
hd_window_delete_site (HdWindow   *self,
                       const char *site_id)
{
  g_autoptr(GListStore) inspections = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  HdSite *site;
  GtkWidget *dialog;
  guint n;

  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  if (self->store == NULL || self->failed)
    return NULL;
  site = lookup_site_or_selected (self, site_id != NULL ? site_id : "");
  if (site == NULL)
    {
      hd_window_add_toast (self, _("Select a site first"));
      return NULL;
    }

  inspections = hd_store_list_inspections (self->store, hd_site_get_id (site), &error);
  if (inspections == NULL)
    {
      hd_window_show_error_dialog (self, _("Cannot Delete the Site"), error);
      return NULL;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (inspections));
  if (n == 0)
    {
      delete_site_now (self, hd_site_get_id (site));
      return NULL;
    }

  /* Translators: %s is the site's name, %u the number of its inspections */
  heading = g_strdup_printf (ngettext ("Delete “%s” and its %u inspection?",
                                       "Delete “%s” and its %u inspections?", n),
                             hd_site_get_name (site), n);
  body = g_strdup (_("The site's inspections, answers and photos are deleted with it. "
                     "You can undo this."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "site-id", g_strdup (hd_site_get_id (site)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_site_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
new_site_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  hd_window_edit_site (HD_WINDOW (widget), NULL);
}

static void
edit_site_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hd_window_edit_site (HD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
delete_site_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  hd_window_delete_site (HD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
new_belt_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  hd_window_edit_belt (HD_WINDOW (widget), NULL);
}

static void
edit_regions_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hd_window_edit_regions (HD_WINDOW (widget));
}

static void
edit_belt_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hd_window_edit_belt (HD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Ctrl+E: the row selected in the visible sidebar page. */
static void
edit_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  const char *page = adw_view_stack_get_visible_child_name (self->sidebar_stack);

  if (g_strcmp0 (page, "belts") == 0)
    hd_window_edit_belt (self, "");
  else
    hd_window_edit_site (self, "");
}

/* Inspections */

/* The site or belt an action without a target means: the one whose history is shown, else the
 * row selected in the visible sidebar page. (transfer full) (nullable) */
static char *
dup_current_target (HdWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->sidebar_stack);
  const char *content = gtk_stack_get_visible_child_name (self->content_stack);

  if (g_strcmp0 (content, "history") == 0 &&
      hd_history_view_get_target (self->history_view) != NULL)
    return g_strdup (hd_history_view_get_target (self->history_view));

  if (g_strcmp0 (content, "inspection") == 0 &&
      hd_inspection_view_get_n_inspections (self->inspection_view) > 0)
    {
      HdInspection *inspection = hd_inspection_view_get_inspection (self->inspection_view, 0);

      return hd_subject_to_target (hd_inspection_get_subject_kind (inspection),
                                   hd_inspection_get_subject_id (inspection));
    }

  if (g_strcmp0 (page, "belts") == 0)
    {
      HdBelt *belt = gtk_single_selection_get_selected_item (self->belt_selection);

      return belt != NULL ? hd_subject_to_target (HD_SUBJECT_BELT, hd_belt_get_id (belt)) : NULL;
    }
  if (g_strcmp0 (page, "sites") == 0)
    {
      HdSite *site = gtk_single_selection_get_selected_item (self->site_selection);

      return site != NULL ? hd_subject_to_target (HD_SUBJECT_SITE, hd_site_get_id (site)) : NULL;
    }
  if (g_strcmp0 (page, "inspections") == 0)
    return hd_inspections_panel_dup_selected_target (self->inspections_panel);

  return NULL;
}

static void
show_content (HdWindow   *self,
              const char *name)
{
  gtk_stack_set_visible_child_name (self->content_stack, name);
  /* Folded (a narrow window): go to the content. */
  adw_leaflet_set_visible_child_name (self->leaflet, "map");
}

gboolean
hd_window_open_inspections (HdWindow           *self,
                            const char * const *inspection_ids)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (HD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (inspection_ids != NULL, FALSE);

  if (self->inspection_view == NULL)
    return FALSE;

  if (!hd_inspection_view_open (self->inspection_view, inspection_ids, &error))
    {
      hd_window_show_error_dialog (self, _("Cannot Open the Inspection"), error);
      return FALSE;
    }

  show_content (self, "inspection");
  hd_inspection_view_focus_current (self->inspection_view);
  return TRUE;
}

static void
on_inspection_started (HdWindow      *self,
                       GStrv          ids,
                       HdStartDialog *dialog)
{
  hd_window_open_inspections (self, (const char * const *) ids);
}

static void
on_inspection_start_failed (HdWindow      *self,
                            const GError  *error,
                            HdStartDialog *dialog)
{
  hd_window_show_error_dialog (self, _("Cannot Start the Inspection"), error);
}

GtkWidget *
hd_window_start_inspection (HdWindow   *self,
                            const char *target)
{
  g_autofree char *current = NULL;
  g_autofree char *subject_id = NULL;
  HdSubjectKind kind;
  GtkApplication *application;
  GSettings *settings = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  if (self->store == NULL || self->failed)
    return NULL;

  if (target == NULL || *target == '\0')
    target = current = dup_current_target (self);

  if (!hd_subject_from_target (target, &kind, &subject_id) ||
      hd_subject_get_name (self->store, kind, subject_id) == NULL)
    {
      hd_window_add_toast (self, _("Select a site or belt to inspect first"));
      return NULL;
    }

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (HD_IS_APPLICATION (application))
    settings = hd_application_get_settings (HD_APPLICATION (application));

  dialog = hd_start_dialog_new (GTK_WINDOW (self), self->store, settings, kind, subject_id);
  g_signal_connect_object (dialog, "started", G_CALLBACK (on_inspection_started), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "failed", G_CALLBACK (on_inspection_start_failed), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
start_inspection_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  hd_window_start_inspection (HD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

gboolean
hd_window_show_history (HdWindow   *self,
                        const char *target)
{
  g_autofree char *subject_id = NULL;
  HdSubjectKind kind;

  g_return_val_if_fail (HD_IS_WINDOW (self), FALSE);

  if (self->history_view == NULL ||
      !hd_subject_from_target (target, &kind, &subject_id) ||
      hd_subject_get_name (self->store, kind, subject_id) == NULL)
    return FALSE;

  hd_history_view_set_subject (self->history_view, kind, subject_id);
  show_content (self, "history");
  return TRUE;
}

static void
show_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  const char *target = g_variant_get_string (parameter, NULL);
  g_autofree char *current = NULL;

  if (*target == '\0')
    target = current = dup_current_target (self);
  if (!hd_window_show_history (self, target))
    hd_window_add_toast (self, _("Select a site or belt first"));
}

static void
open_inspection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  const char *ids[] = { g_variant_get_string (parameter, NULL), NULL };

  hd_window_open_inspections (HD_WINDOW (widget), ids);
}

static void
show_map_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);

  if (self->content_stack != NULL)
    gtk_stack_set_visible_child_name (self->content_stack, "map");
}

/* Tables: the one of the sidebar's page (sites or belts) fills the content area instead of the
 * map while the header's table button is down. */
static void
sync_table_page (HdWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->sidebar_stack);

  if (g_strcmp0 (page, "belts") == 0 || g_strcmp0 (page, "sites") == 0)
    gtk_stack_set_visible_child_name (self->table_stack, page);
}

static void
on_table_button_toggled (HdWindow *self)
{
  gboolean shown = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "table") == 0;

  if (gtk_toggle_button_get_active (self->table_button) == shown || self->site_table == NULL)
    return;
  sync_table_page (self);
  gtk_stack_set_visible_child_name (self->content_stack,
                                    gtk_toggle_button_get_active (self->table_button) ? "table" : "map");
}

static void
on_content_changed (HdWindow *self)
{
  gtk_toggle_button_set_active (self->table_button,
                                g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack),
                                           "table") == 0);
}

static void
show_table_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);

  gtk_toggle_button_set_active (self->table_button,
                                !gtk_toggle_button_get_active (self->table_button));
}

static void
setup_tables (HdWindow *self)
{
  self->site_table = HD_RECORD_TABLE (hd_site_table_new (self->store, self->lights));
  self->belt_table = HD_RECORD_TABLE (hd_belt_table_new (self->store, self->lights));
  gtk_stack_add_named (self->table_stack, GTK_WIDGET (self->site_table), "sites");
  gtk_stack_add_named (self->table_stack, GTK_WIDGET (self->belt_table), "belts");
  sync_table_page (self);
  g_signal_connect_object (self->sidebar_stack, "notify::visible-child-name",
                           G_CALLBACK (sync_table_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->content_stack, "notify::visible-child-name",
                           G_CALLBACK (on_content_changed), self, G_CONNECT_SWAPPED);
}

static void
on_lights_changed (HdWindow *self,
                   HdLights *lights)
{
  if (self->map_view != NULL)
    hd_map_view_set_site_lights (self->map_view, hd_lights_get_site_table (lights));
}

/* The sidebar's rows get the workspace's lights, which a builder template cannot hand them. */
static void
belt_item_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HdWindow                 *self)
{
  GtkWidget *row = hd_belt_row_new ();

  hd_belt_row_set_lights (HD_BELT_ROW (row), self->lights);
  gtk_list_item_set_child (item, row);
}

static void
belt_item_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HdWindow                 *self)
{
  hd_belt_row_set_belt (HD_BELT_ROW (gtk_list_item_get_child (item)),
                        gtk_list_item_get_item (item));
}

static void
belt_item_unbind (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  HdWindow                 *self)
{
  hd_belt_row_set_belt (HD_BELT_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
site_item_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 HdWindow                 *self)
{
  GtkWidget *row = hd_site_row_new ();

  hd_site_row_set_lights (HD_SITE_ROW (row), self->lights);
  gtk_list_item_set_child (item, row);
}

static void
site_item_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                HdWindow                 *self)
{
  hd_site_row_set_site (HD_SITE_ROW (gtk_list_item_get_child (item)),
                        gtk_list_item_get_item (item));
}

static void
site_item_unbind (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  HdWindow                 *self)
{
  hd_site_row_set_site (HD_SITE_ROW (gtk_list_item_get_child (item)), NULL);
}

static GtkListItemFactory *
create_row_factory (HdWindow  *self,
                    GCallback  setup,
                    GCallback  bind,
                    GCallback  unbind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", setup, self, G_CONNECT_DEFAULT);
  g_signal_connect_object (factory, "bind", bind, self, G_CONNECT_DEFAULT);
  g_signal_connect_object (factory, "unbind", unbind, self, G_CONNECT_DEFAULT);
  return factory;
}

static GtkSingleSelection *
create_selection (GListModel *model)
{
  GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (model));

  /* Nothing is chosen until the user chooses; a choice can be taken back. */
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  return selection;
}

static void
on_belt_activate (HdWindow    *self,
                  guint        position,
                  GtkListView *list)
{
  g_autoptr(HdBelt) belt = g_list_model_get_item (G_LIST_MODEL (self->belt_model), position);
  g_autofree char *target = NULL;

  if (belt == NULL)
    return;
  target = hd_subject_to_target (HD_SUBJECT_BELT, hd_belt_get_id (belt));
  hd_window_show_history (self, target);
}

static void
on_site_activate (HdWindow    *self,
                  guint        position,
                  GtkListView *list)
{
  g_autoptr(HdSite) site = g_list_model_get_item (G_LIST_MODEL (self->site_model), position);
  g_autofree char *target = NULL;

  if (site == NULL)
    return;
  target = hd_subject_to_target (HD_SUBJECT_SITE, hd_site_get_id (site));
  hd_window_show_history (self, target);
}

/* The map's selection and the sidebar's lists follow each other. */

static void
select_in_list (GtkSingleSelection *selection,
                GtkListView        *list,
                const char         *id)
{
  GListModel *model = G_LIST_MODEL (selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *item_id = NULL;

      g_object_get (item, "id", &item_id, NULL);
      if (g_strcmp0 (item_id, id) == 0)
        {
          gtk_single_selection_set_selected (selection, i);
          gtk_widget_activate_action (GTK_WIDGET (list), "list.scroll-to-item", "u", i);
          return;
        }
    }
  /* Not in the list (filtered out by its search): nothing there is selected. */
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
}

static void
on_map_selection_changed (HdWindow         *self,
                          GParamSpec       *pspec,
                          HdMapInteraction *interaction)
{
  const char *site_id = hd_map_interaction_get_selected_site (interaction);
  const char *belt_id = hd_map_interaction_get_selected_belt (interaction);

  if (self->syncing_selection)
    return;
  self->syncing_selection = TRUE;
  if (g_str_equal (pspec->name, "selected-site"))
    {
      select_in_list (self->site_selection, self->site_list, site_id);
      /* The sidebar shows what was clicked, so Enter and Ctrl+I act on it. */
      if (site_id != NULL)
        adw_view_stack_set_visible_child_name (self->sidebar_stack, "sites");
    }
  else
    {
      select_in_list (self->belt_selection, self->belt_list, belt_id);
      if (belt_id != NULL && site_id == NULL)
        adw_view_stack_set_visible_child_name (self->sidebar_stack, "belts");
    }
  self->syncing_selection = FALSE;
}

static void
on_list_selection_changed (HdWindow           *self,
                           GParamSpec         *pspec,
                           GtkSingleSelection *selection)
{
  GObject *item = gtk_single_selection_get_selected_item (selection);
  g_autofree char *id = NULL;

  if (self->syncing_selection || self->map_view == NULL)
    return;
  if (item != NULL)
    g_object_get (item, "id", &id, NULL);
  self->syncing_selection = TRUE;
  if (selection == self->site_selection)
    hd_map_view_select_site (self->map_view, id, TRUE);
  else
    {
      hd_map_view_select_belt (self->map_view, id);
      if (id != NULL)
        hd_map_view_centre_on (self->map_view, NULL, id);
    }
  self->syncing_selection = FALSE;
}

static void
on_map_activate (HdWindow  *self,
                 HdMapView *map)
{
  HdMapInteraction *interaction = hd_map_view_get_interaction (map);

  if (hd_map_interaction_get_selected_site (interaction) != NULL)
    hd_window_edit_site (self, hd_map_interaction_get_selected_site (interaction));
  else if (hd_map_interaction_get_selected_belt (interaction) != NULL)
    hd_window_edit_belt (self, hd_map_interaction_get_selected_belt (interaction));
}

static void
on_map_place_site (HdWindow         *self,
                   double            latitude,
                   double            longitude,
                   HdMapInteraction *interaction)
{
  g_autoptr(HdSite) site = hd_site_new ();
  GtkWidget *editor;

  hd_site_set_position (site, latitude, longitude);
  editor = hd_site_editor_new (GTK_WINDOW (self), self->store, site);
  hd_site_editor_set_map (HD_SITE_EDITOR (editor), interaction);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_map_notice (HdWindow         *self,
               const char       *text,
               HdMapInteraction *interaction)
{
  hd_window_add_toast (self, text);
}

static void
on_map_offer_removal (HdWindow         *self,
                      const char       *belt_id,
                      const char       *site_id,
                      HdMapInteraction *interaction)
{
  HdSite *site = hd_store_lookup_site (self->store, site_id);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (site == NULL)
    return;
  /* Translators: a toast in the map's Add to Route mode; %s is a site's name */
  title = g_strdup_printf (_("“%s” is already on the route"), hd_site_get_name (site));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Remove"));
  adw_toast_set_action_name (toast, "win.remove-from-route");
  adw_toast_set_action_target_value (toast, g_variant_new ("(ss)", belt_id, site_id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The Remove button of that toast: (belt id, site id). */
static void
remove_from_route_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  const char *belt_id, *site_id;

  g_variant_get (parameter, "(&s&s)", &belt_id, &site_id);
  if (self->map_view != NULL)
    hd_map_interaction_remove_from_route (hd_map_view_get_interaction (self->map_view),
                                          belt_id, site_id);
}

static void
on_map_failed (HdWindow         *self,
               const char       *heading,
               GError           *error,
               HdMapInteraction *interaction)
{
  hd_window_show_error_dialog (self, heading, error);
}

static void
setup_map_selection (HdWindow *self)
{
  HdMapInteraction *interaction = hd_map_view_get_interaction (self->map_view);

  g_signal_connect_object (interaction, "notify::selected-site",
                           G_CALLBACK (on_map_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (interaction, "notify::selected-belt",
                           G_CALLBACK (on_map_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (interaction, "place-site", G_CALLBACK (on_map_place_site), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (interaction, "notice", G_CALLBACK (on_map_notice), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (interaction, "failed", G_CALLBACK (on_map_failed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (interaction, "offer-removal", G_CALLBACK (on_map_offer_removal),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->map_view, "activate", G_CALLBACK (on_map_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->site_selection, "notify::selected",
                           G_CALLBACK (on_list_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->belt_selection, "notify::selected",
                           G_CALLBACK (on_list_selection_changed), self, G_CONNECT_SWAPPED);
}

static void
setup_inspections (HdWindow *self)
{
  g_autoptr(GtkListItemFactory) belt_factory = NULL;
  g_autoptr(GtkListItemFactory) site_factory = NULL;
  GtkWidget *map;

  self->lights = hd_lights_new (self->store);

  belt_factory = create_row_factory (self, G_CALLBACK (belt_item_setup),
                                     G_CALLBACK (belt_item_bind), G_CALLBACK (belt_item_unbind));
  site_factory = create_row_factory (self, G_CALLBACK (site_item_setup),
                                     G_CALLBACK (site_item_bind), G_CALLBACK (site_item_unbind));
  gtk_list_view_set_factory (self->belt_list, belt_factory);
  gtk_list_view_set_factory (self->site_list, site_factory);

  map = hd_map_view_new (self->store);
  self->map_view = HD_MAP_VIEW (map);
  adw_bin_set_child (self->map_bin, map);
  hd_map_view_set_site_lights (self->map_view, hd_lights_get_site_table (self->lights));
  g_signal_connect_object (self->lights, "changed", G_CALLBACK (on_lights_changed), self,
                           G_CONNECT_SWAPPED);

  self->inspections_panel = HD_INSPECTIONS_PANEL (hd_inspections_panel_new (self->store,
                                                                            self->lights));
  adw_bin_set_child (self->inspections_bin, GTK_WIDGET (self->inspections_panel));

  self->history_view = HD_HISTORY_VIEW (hd_history_view_new (self->store, self->lights));
  adw_bin_set_child (self->history_bin, GTK_WIDGET (self->history_view));

  self->inspection_view = HD_INSPECTION_VIEW (hd_inspection_view_new (self->store, self->lights));
  adw_bin_set_child (self->inspection_bin, GTK_WIDGET (self->inspection_view));

  setup_tables (self);
}

/* ---- Plans (issue 6): the sidebar's Plans page, the plan's overview, its editor ---- */

static void
on_plan_selected (HdWindow   *self,
                  const char *plan_id)
{
  hd_plan_view_set_plan (self->plan_view, plan_id);
  show_content (self, "plan");
}

static void
on_plan_saved (HdWindow   *self,
               const char *plan_id)
{
  hd_window_set_page (self, "plans");
  hd_plans_panel_select (self->plans_panel, plan_id);
  on_plan_selected (self, plan_id);
}

GtkWidget *
hd_window_edit_plan (HdWindow   *self,
                     const char *plan_id)
{
  GtkWidget *editor;

  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  if (self->store == NULL || self->failed)
    return NULL;
  editor = hd_plan_editor_new (GTK_WINDOW (self), self->store,
                               plan_id != NULL && *plan_id != '\0' ? plan_id : NULL);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_plan_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
new_plan_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  hd_window_edit_plan (HD_WINDOW (widget), NULL);
}

static void
edit_plan_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  hd_window_edit_plan (HD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
delete_plan_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HdWindow *self = HD_WINDOW (widget);
  const char *plan_id = g_variant_get_string (parameter, NULL);
  HdPlan *plan = hd_store_lookup_plan (self->store, plan_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (plan == NULL)
    return;
  title = g_strdup (hd_plan_get_title (plan));
  if (!hd_store_delete_plan (self->store, plan_id, &error))
    {
      hd_window_show_error_dialog (self, _("Cannot Delete the Plan"), error);
      return;
    }
  hd_plan_view_set_plan (self->plan_view, NULL);
  /* Translators: a toast after a delete; %s is the plan's title */
  message = g_strdup_printf (_("Deleted “%s”"), title);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  hd_window_add_toast (HD_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
setup_plans (HdWindow *self)
{
  g_autoptr(GError) error = NULL;
  GDate today = hd_store_get_today (self->store);

  self->plans_panel = HD_PLANS_PANEL (hd_plans_panel_new (self->store));
  adw_bin_set_child (self->plans_bin, GTK_WIDGET (self->plans_panel));
  self->plan_view = HD_PLAN_VIEW (hd_plan_view_new (self->store));
  adw_bin_set_child (self->plan_bin, GTK_WIDGET (self->plan_view));
  g_signal_connect_object (self->plans_panel, "plan-selected", G_CALLBACK (on_plan_selected), self,
                           G_CONNECT_SWAPPED);
  /* Progress is history: once a month, the computed indicators' values are recorded. */
  if (hd_store_snapshot_monthly (self->store, &today, NULL, &error) < 0)
    g_warning ("Monthly snapshot of the plans: %s", error->message);
}

static void
hd_window_constructed (GObject *object)
{
  HdWindow *self = HD_WINDOW (object);
  GListModel *belts;
  GListModel *sites;

  G_OBJECT_CLASS (hd_window_parent_class)->constructed (object);

  if (self->store == NULL)
    {
      hd_window_update_state (self);
      return;
    }

  set_subtitle_from_path (self, hd_store_get_path (self->store));

  belts = hd_store_get_belts (self->store);
  sites = hd_store_get_sites (self->store);

  self->belt_model = create_name_model (belts, HD_TYPE_BELT, &self->belt_filter);
  self->site_model = create_name_model (sites, HD_TYPE_SITE, &self->site_filter);

  setup_inspections (self);
  setup_plans (self);

  self->belt_selection = create_selection (G_LIST_MODEL (self->belt_model));
  self->site_selection = create_selection (G_LIST_MODEL (self->site_model));
  gtk_list_view_set_model (self->belt_list, GTK_SELECTION_MODEL (self->belt_selection));
  gtk_list_view_set_model (self->site_list, GTK_SELECTION_MODEL (self->site_selection));
  g_signal_connect_object (self->belt_list, "activate", G_CALLBACK (on_belt_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->site_list, "activate", G_CALLBACK (on_site_activate), self,
                           G_CONNECT_SWAPPED);
  setup_map_selection (self);

  g_signal_connect_object (self->store, "notify::can-undo",
                           G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "notify::can-redo",
                           G_CALLBACK (update_undo_actions), self, G_CONNECT_SWAPPED);
  update_undo_actions (self);

  g_signal_connect_object (belts, "items-changed",
                           G_CALLBACK (on_store_items_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (sites, "items-changed",
                           G_CALLBACK (on_store_items_changed), self, G_CONNECT_SWAPPED);

  hd_window_update_state (self);
}

static void
hd_window_dispose (GObject *object)
{
  HdWindow *self = HD_WINDOW (object);

  if (self->fix_size_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fix_size_tick_id);
  self->fix_size_tick_id = 0;

  if (self->import_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->import_chooser));
  g_clear_object (&self->import_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_WINDOW);

  self->map_view = NULL;
  self->inspections_panel = NULL;
  self->history_view = NULL;
  self->inspection_view = NULL;
  self->plans_panel = NULL;
  self->plan_view = NULL;
  g_clear_object (&self->lights);
  g_clear_object (&self->belt_selection);
  g_clear_object (&self->site_selection);
  g_clear_object (&self->belt_model);
  g_clear_object (&self->site_model);
  g_clear_object (&self->belt_filter);
  g_clear_object (&self->site_filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_window_parent_class)->dispose (object);
}

static void
hd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HdWindow *self = HD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  HdWindow *self = HD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hd_window_class_init (HdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_window_constructed;
  object_class->dispose = hd_window_dispose;
  object_class->get_property = hd_window_get_property;
  object_class->set_property = hd_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         HD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list item templates name these types. */
  g_type_ensure (HD_TYPE_BELT_ROW);
  g_type_ensure (HD_TYPE_SITE_ROW);

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, belt_search);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, site_search);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, belt_list);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, site_list);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, map_bin);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, plans_bin);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, plan_bin);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, table_stack);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, table_button);
  gtk_widget_class_bind_template_callback (widget_class, on_table_button_toggled);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, inspections_bin);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, history_bin);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, inspection_bin);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, open_sample_button);
  gtk_widget_class_bind_template_child (widget_class, HdWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_belt_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_site_search_changed);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-standard-set", NULL,
                                   import_standard_set_action);
  gtk_widget_class_install_action (widget_class, "win.open-sample", NULL, open_sample_action);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "win.start-inspection", "s",
                                   start_inspection_action);
  gtk_widget_class_install_action (widget_class, "win.show-history", "s", show_history_action);
  gtk_widget_class_install_action (widget_class, "win.open-inspection", "s",
                                   open_inspection_action);
  gtk_widget_class_install_action (widget_class, "win.show-map", NULL, show_map_action);
  gtk_widget_class_install_action (widget_class, "win.show-table", NULL, show_table_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "win.show-table", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-site", NULL, new_site_action);
  gtk_widget_class_install_action (widget_class, "win.edit-site", "s", edit_site_action);
  gtk_widget_class_install_action (widget_class, "win.delete-site", "s", delete_site_action);
  gtk_widget_class_install_action (widget_class, "win.new-belt", NULL, new_belt_action);
  gtk_widget_class_install_action (widget_class, "win.edit-belt", "s", edit_belt_action);
  gtk_widget_class_install_action (widget_class, "win.edit-selected", NULL, edit_selected_action);
  gtk_widget_class_install_action (widget_class, "win.new-plan", NULL, new_plan_action);
  gtk_widget_class_install_action (widget_class, "win.edit-plan", "s", edit_plan_action);
  gtk_widget_class_install_action (widget_class, "win.delete-plan", "s", delete_plan_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.edit-regions", NULL, edit_regions_action);
  gtk_widget_class_install_action (widget_class, "win.remove-from-route", "(ss)",
                                   remove_from_route_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-site", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-belt", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.edit-selected", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  /* An empty target: the site or belt selected or shown. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "win.start-inspection", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "win.show-history", "s", "");
}

static void
hd_window_init (HdWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Typing while a list has the focus starts a search. */
  gtk_search_entry_set_key_capture_widget (self->belt_search, GTK_WIDGET (self->belt_list));
  gtk_search_entry_set_key_capture_widget (self->site_search, GTK_WIDGET (self->site_list));

  /* Delete on the sites list deletes the selected site (with an Undo toast). */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();
    GtkShortcut *delete = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                            gtk_named_action_new ("win.delete-site"));

    gtk_shortcut_set_arguments (delete, g_variant_new_string (""));
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), delete);
    gtk_widget_add_controller (GTK_WIDGET (self->site_list), shortcuts);
  }
}

HdWindow *
hd_window_new (HdApplication *application,
               HdStore       *store)
{
  HdWindow *window;

  g_return_val_if_fail (HD_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (store == NULL || HD_IS_STORE (store), NULL);

  window = g_object_new (HD_TYPE_WINDOW,
                         "application", application,
                         "store", store,
                         NULL);
  /* The map's layer switcher remembers its choices in the app's settings. */
  if (window->map_view != NULL)
    hd_map_view_add_control (window->map_view,
                             hd_map_layers_button_new (window->map_view,
                                                       hd_application_get_settings (application)));
  return window;
}

HdStore *
hd_window_get_store (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return self->store;
}

void
hd_window_bind_settings (HdWindow  *self,
                         GSettings *settings)
{
  g_return_if_fail (HD_IS_WINDOW (self));
  g_return_if_fail (G_IS_SETTINGS (settings));

  g_settings_bind (settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);

  /* A page name from an older or newer version is ignored rather than shown as nothing. */
  {
    g_autofree char *page = g_settings_get_string (settings, "sidebar-page");

    if (g_strv_contains (sidebar_pages, page))
      hd_window_set_page (self, page);
  }
  g_settings_bind (settings, "sidebar-page", self->sidebar_stack, "visible-child-name",
                   G_SETTINGS_BIND_SET);
}

const char * const *
hd_window_get_page_names (void)
{
  return page_names;
}

gboolean
hd_window_set_page (HdWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!g_strv_contains (page_names, name))
    return FALSE;

  if (g_strv_contains (sidebar_pages, name))
    adw_view_stack_set_visible_child_name (self->sidebar_stack, name);
  else if (g_str_has_suffix (name, "-table"))
    {
      /* The table of sites or belts in the content area (win.show-table). */
      adw_view_stack_set_visible_child_name (self->sidebar_stack,
                                             g_str_equal (name, "site-table") ? "sites" : "belts");
      if (self->site_table != NULL)
        show_content (self, "table");
      return TRUE;
    }
  else
    adw_view_stack_set_visible_child_name (self->sidebar_stack, "inspections");

  if (self->inspections_panel == NULL)
    return TRUE;

  if (g_str_equal (name, "plans"))
    {
      /* The plan shown, or else the selected or first one. */
      if (hd_plans_panel_get_selected_id (self->plans_panel) == NULL)
        hd_plans_panel_select (self->plans_panel, NULL);
      if (hd_plans_panel_get_selected_id (self->plans_panel) != NULL)
        on_plan_selected (self, hd_plans_panel_get_selected_id (self->plans_panel));
    }
  else if (g_str_equal (name, "due") || g_str_equal (name, "rectifications"))
    {
      hd_inspections_panel_set_tab (self->inspections_panel, name);
      show_content (self, "map");
    }
  else if (g_str_equal (name, "inspections"))
    {
      /* The checklist being filled in, or else the latest draft to take up again. */
      GListModel *drafts = hd_inspections_panel_get_draft_model (self->inspections_panel);

      hd_inspections_panel_set_tab (self->inspections_panel, "due");
      if (hd_inspection_view_get_n_inspections (self->inspection_view) > 0)
        show_content (self, "inspection");
      else if (g_list_model_get_n_items (drafts) > 0)
        {
          g_autoptr(HdInspection) draft = g_list_model_get_item (drafts, 0);
          const char *ids[] = { hd_inspection_get_id (draft), NULL };

          hd_window_open_inspections (self, ids);
        }
    }

  return TRUE;
}

const char *
hd_window_get_page (HdWindow *self)
{
  const char *page;

  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  page = adw_view_stack_get_visible_child_name (self->sidebar_stack);
  if (g_strcmp0 (page, "inspections") != 0 || self->inspections_panel == NULL)
    return page;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "inspection") == 0)
    return "inspections";
  return hd_inspections_panel_get_tab (self->inspections_panel);
}

const char *
hd_window_get_state (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

GListModel *
hd_window_get_belt_model (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->belt_model);
}

GListModel *
hd_window_get_site_model (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->site_model);
}


/* Screenshots */

static gboolean
hd_window_has_fixed_size (HdWindow *self)
{
  return self->fixed_width <= 0 ||
         (gtk_widget_get_width (GTK_WIDGET (self)) == self->fixed_width &&
          gtk_widget_get_height (GTK_WIDGET (self)) == self->fixed_height);
}

static gboolean
fix_size_tick (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  HdWindow *self = HD_WINDOW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int request_width, request_height;

  if (width <= 0 || height <= 0)
    return G_SOURCE_CONTINUE;

  /* The size request counts the client-side decoration's margin (5 px a side for the
   * "solid-csd" frame without a compositor); the window itself gets what is left. */
  if (!hd_window_has_fixed_size (self))
    {
      gtk_widget_get_size_request (widget, &request_width, &request_height);
      request_width += self->fixed_width - width;
      request_height += self->fixed_height - height;
      gtk_widget_set_size_request (widget, request_width, request_height);
      gtk_window_set_default_size (GTK_WINDOW (self), request_width, request_height);
    }

  self->fix_size_tick_id = 0;
  return G_SOURCE_REMOVE;
}

void
hd_window_fix_size (HdWindow *self,
                    int       width,
                    int       height)
{
  g_return_if_fail (HD_IS_WINDOW (self));
  g_return_if_fail (width > 0 && height > 0);

  self->fixed_width = width;
  self->fixed_height = height;

  /* A size request wins over the monitor's bounds, which a default size does not. */
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self), width, height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (self->fix_size_tick_id == 0)
    self->fix_size_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fix_size_tick,
                                                           NULL, NULL);
}

static void
screenshot_free (gpointer data)
{
  Screenshot *shot = data;

  g_clear_object (&shot->file);
  g_free (shot);
}

static gboolean
hd_window_save_png (HdWindow  *self,
                    GFile     *file,
                    GError   **error)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;

  renderer = gtk_native_get_renderer (GTK_NATIVE (self));
  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The window is not shown, so there is nothing to capture"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      /* WOULD_BLOCK: the window is between a resize and its new layout (a tick callback runs
       * before the frame's layout); the caller tries again on a later frame. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                   _("The window drew nothing, so there is nothing to capture"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  png = gdk_texture_save_to_png_bytes (texture);

  return g_file_replace_contents (file,
                                  g_bytes_get_data (png, NULL), g_bytes_get_size (png),
                                  NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

static void
screenshot_return (GTask  *task,
                   GError *error)
{
  Screenshot *shot = g_task_get_task_data (task);

  shot->returned = TRUE;
  HD_WINDOW (g_task_get_source_object (task))->screenshot = NULL;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static gboolean
screenshot_tick (GtkWidget     *widget,
                 GdkFrameClock *frame_clock,
                 gpointer       user_data)
{
  GTask *task = user_data;
  Screenshot *shot = g_task_get_task_data (task);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  GError *error = NULL;

  if (shot->frames++ == 0)
    shot->first_frame = now;

  if (shot->frames < SCREENSHOT_FRAMES || now - shot->first_frame < SCREENSHOT_DELAY_US)
    return G_SOURCE_CONTINUE;

  /* Give a fixed size time to settle; after that, take what there is. */
  if (!hd_window_has_fixed_size (HD_WINDOW (widget)) &&
      now - shot->first_frame < SCREENSHOT_SETTLE_US)
    return G_SOURCE_CONTINUE;

  if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    hd_window_save_png (HD_WINDOW (widget), shot->file, &error);

  /* Caught between a change and its layout (another process on the same display slows the
   * frames down): again on the next frame, for a while. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      if (now - shot->first_frame < SCREENSHOT_SETTLE_US)
        {
          g_clear_error (&error);
          gtk_widget_queue_draw (widget);
          return G_SOURCE_CONTINUE;
        }
      error->code = G_IO_ERROR_FAILED;
    }
  screenshot_return (task, error);

  return G_SOURCE_REMOVE;
}

/* The tick callback owns a reference to the task (which refers to the window): when the window
 * is closed first, unrealize removes the callback and the task returns with an error. */
static void
screenshot_tick_released (gpointer data)
{
  GTask *task = data;
  Screenshot *shot = g_task_get_task_data (task);
  HdWindow *self = g_task_get_source_object (task);

  shot->tick_id = 0;
  g_clear_signal_handler (&shot->unrealize_id, self);
  if (!shot->returned)
    screenshot_return (task,
                       g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                            _("The window was closed before the screenshot")));
  g_object_unref (task);
}

static void
on_screenshot_unrealize (HdWindow *self,
                         GTask    *task)
{
  Screenshot *shot = g_task_get_task_data (task);

  /* Drops the tick callback's reference: @task may be gone afterwards. */
  gtk_widget_remove_tick_callback (GTK_WIDGET (self), shot->tick_id);
}

void
hd_window_screenshot_async (HdWindow            *self,
                            GFile               *file,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Screenshot *shot;

  g_return_if_fail (HD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hd_window_screenshot_async);

  /* gtk_window_present() realizes and maps a window at once; before that there is nothing
   * to wait for. */
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The window is not shown, so there is nothing to capture"));
      return;
    }
  if (self->screenshot != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A screenshot is already being taken");
      return;
    }

  shot = g_new0 (Screenshot, 1);
  shot->file = g_object_ref (file);
  g_task_set_task_data (task, shot, screenshot_free);

  self->screenshot = task;
  shot->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), screenshot_tick,
                                                g_object_ref (task), screenshot_tick_released);
  shot->unrealize_id = g_signal_connect (self, "unrealize",
                                         G_CALLBACK (on_screenshot_unrealize), task);
}

gboolean
hd_window_screenshot_finish (HdWindow      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

HdLights *
hd_window_get_lights (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return self->lights;
}

const char *
hd_window_get_content (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->content_stack);
}

GtkWidget *
hd_window_get_inspection_view (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->inspection_view);
}

GtkWidget *
hd_window_get_history_view (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->history_view);
}

GtkWidget *
hd_window_get_inspections_panel (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->inspections_panel);
}

GtkWidget *
hd_window_get_plan_view (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->plan_view);
}

GtkWidget *
hd_window_get_map_view (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->map_view);
}

GtkWidget *
hd_window_get_site_table (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->site_table);
}

GtkWidget *
hd_window_get_belt_table (HdWindow *self)
{
  g_return_val_if_fail (HD_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->belt_table);
}
