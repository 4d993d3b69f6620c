/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-inspections-panel"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "hd-application.h"
#include "hd-due-row.h"
#include "hd-inspections-panel.h"
#include "hd-rectification-editor.h"
#include "hd-rectification-row.h"
#include "hd-subject.h"

/* The store changes that can change what the panel lists. */
#define PANEL_CHANGES (HD_CHANGE_INSPECTIONS | HD_CHANGE_RECTIFICATIONS | \
                       HD_CHANGE_SITES | HD_CHANGE_BELTS | HD_CHANGE_REGIONS)

struct _HdInspectionsPanel
{
  GtkWidget             parent_instance;

  HdStore              *store;
  HdLights             *lights;
  GListStore           *due_model;
  GListStore           *rect_model;
  GListStore           *draft_model;
  GtkSingleSelection   *due_selection;
  GtkSingleSelection   *rect_selection;
  GtkFileChooserNative *export_chooser;
  /* The day the lists were last read for (a new day can make subjects due, tasks overdue). */
  GDate                 listed_day;

  /* template */
  GtkWidget            *box;
  GtkStack             *tab_stack;
  GtkWidget            *drafts_box;
  GtkListBox           *drafts_list;
  GtkLabel             *due_heading;
  GtkStack             *due_stack;
  GtkListView          *due_list;
  GtkToggleButton      *overdue_toggle;
  GtkLabel             *rect_count_label;
  GtkStack             *rect_stack;
  GtkListView          *rect_list;
  AdwStatusPage        *rect_empty;
};

G_DEFINE_FINAL_TYPE (HdInspectionsPanel, hd_inspections_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LIGHTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (HdInspectionsPanel *self,
       const char         *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
  else
    g_message ("%s", title);
}

static GDate
today (HdInspectionsPanel *self)
{
  const GDate *date = self->lights != NULL ? hd_lights_get_today (self->lights) : NULL;

  if (date != NULL && g_date_valid (date))
    return *date;
  return hd_store_get_today (self->store);
}

static void
splice_all (GListStore *model,
            GListModel *items)
{
  guint n = items != NULL ? g_list_model_get_n_items (items) : 0;
  g_autoptr(GPtrArray) array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (items, i));

  g_list_store_splice (model, 0, g_list_model_get_n_items (G_LIST_MODEL (model)),
                       array->pdata, array->len);
}

static GtkWidget *
create_draft_row (gpointer item,
                  gpointer user_data)
{
  HdInspection *inspection = item;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  /* Translators: a draft inspection in the sidebar: standard set, date, inspector */
  subtitle = g_strdup_printf (_("%s · %s · %s"),
                              hd_inspection_get_set_name (inspection),
                              hd_inspection_get_date (inspection),
                              hd_inspection_get_inspector (inspection));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 hd_inspection_get_subject_name (inspection));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "document-edit-symbolic");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "hd-inspection-id",
                          g_strdup (hd_inspection_get_id (inspection)), g_free);

  return row;
}

static void
refresh_drafts (HdInspectionsPanel *self)
{
  g_autoptr(GListStore) all = NULL;
  g_autoptr(GListStore) drafts = g_list_store_new (HD_TYPE_INSPECTION);
  g_autoptr(GError) error = NULL;

  all = hd_store_list_inspections (self->store, NULL, &error);
  if (all == NULL)
    {
      g_warning ("Cannot list the inspections: %s", error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(HdInspection) inspection = g_list_model_get_item (G_LIST_MODEL (all), i);

      if (hd_inspection_get_state (inspection) == HD_INSPECTION_DRAFT)
        g_list_store_append (drafts, inspection);
    }

  splice_all (self->draft_model, G_LIST_MODEL (drafts));
  gtk_widget_set_visible (self->drafts_box,
                          g_list_model_get_n_items (G_LIST_MODEL (self->draft_model)) > 0);
}

static void
refresh_due (HdInspectionsPanel *self)
{
  g_autoptr(GListStore) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GDate date = today (self);
  guint n;

  due = hd_store_list_due_inspections (self->store, &date, NULL, &error);
  if (due == NULL)
    g_warning ("Cannot list the inspections due: %s", error->message);

  splice_all (self->due_model, G_LIST_MODEL (due));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->due_model));

  /* Translators: heading of the queue in the sidebar, with how many are due */
  heading = g_strdup_printf (ngettext ("Due This Quarter (%u)", "Due This Quarter (%u)", n), n);
  gtk_label_set_label (self->due_heading, heading);
  gtk_stack_set_visible_child_name (self->due_stack, n > 0 ? "list" : "empty");
}

static void
fill_rectification_filter (HdInspectionsPanel    *self,
                           HdRectificationFilter *filter)
{
  *filter = (HdRectificationFilter) {
    .overdue_only = gtk_toggle_button_get_active (self->overdue_toggle),
    .include_closed = FALSE,
  };
}

static void
refresh_rectifications (HdInspectionsPanel *self)
{
  g_autoptr(GListStore) tasks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  HdRectificationFilter filter;
  GDate date = today (self);
  gboolean overdue_only = gtk_toggle_button_get_active (self->overdue_toggle);
  guint n, n_overdue = 0;

  fill_rectification_filter (self, &filter);
  tasks = hd_store_list_rectifications (self->store, &filter, &date, &error);
  if (tasks == NULL)
    g_warning ("Cannot list the rectifications: %s", error->message);

  splice_all (self->rect_model, G_LIST_MODEL (tasks));
  n = g_list_model_get_n_items (G_LIST_MODEL (self->rect_model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdRectification) task = g_list_model_get_item (G_LIST_MODEL (self->rect_model), i);

      if (hd_rectification_get_overdue (task))
        n_overdue++;
    }

  if (overdue_only)
    count = g_strdup_printf (ngettext ("%u overdue", "%u overdue", n), n);
  else
    /* Translators: above the task list: "12 open · 3 overdue" */
    count = g_strdup_printf (ngettext ("%u open · %u overdue", "%u open · %u overdue", n),
                             n, n_overdue);
  gtk_label_set_label (self->rect_count_label, count);

  if (overdue_only)
    {
      adw_status_page_set_title (self->rect_empty, _("No Overdue Rectifications"));
      adw_status_page_set_description (self->rect_empty,
                                       _("Every open task is still within its due date."));
    }
  else
    {
      adw_status_page_set_title (self->rect_empty, _("No Open Rectifications"));
      adw_status_page_set_description (self->rect_empty,
                                       _("Items not met or partly met in an inspection show up "
                                         "here as tasks with a due date."));
    }
  gtk_stack_set_visible_child_name (self->rect_stack, n > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "panel.export-rectifications", n > 0);
}

static void
refresh (HdInspectionsPanel *self)
{
  self->listed_day = today (self);
  refresh_drafts (self);
  refresh_due (self);
  refresh_rectifications (self);
}

static gboolean
draft_listed (HdInspectionsPanel *self,
              const char         *inspection_id)
{
  GListModel *drafts = G_LIST_MODEL (self->draft_model);

  for (guint i = 0; i < g_list_model_get_n_items (drafts); i++)
    {
      g_autoptr(HdInspection) draft = g_list_model_get_item (drafts, i);

      if (g_strcmp0 (hd_inspection_get_id (draft), inspection_id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
on_store_changed (HdInspectionsPanel *self,
                  guint               kinds,
                  GStrv               ids,
                  HdStore            *store)
{
  if ((kinds & PANEL_CHANGES) == 0)
    return;

  /* An answer in a draft already listed changes nothing here (the queue counts finished
   * inspections only): no re-reading on every key press. A new draft joins "In Progress". */
  if (hd_lights_change_is_draft_only (store, kinds, (const char * const *) ids))
    {
      for (guint i = 0; ids[i] != NULL; i++)
        if (!draft_listed (self, ids[i]))
          {
            refresh_drafts (self);
            break;
          }
      return;
    }

  refresh (self);
}

static void
on_lights_changed (HdInspectionsPanel *self,
                   HdLights           *lights)
{
  GDate date = today (self);

  if (g_date_valid (&self->listed_day) && g_date_compare (&self->listed_day, &date) == 0)
    return;
  refresh (self);
}

static void
on_overdue_toggled (HdInspectionsPanel *self,
                    GtkToggleButton    *toggle)
{
  refresh_rectifications (self);
}

static void
on_due_activate (HdInspectionsPanel *self,
                 guint               position,
                 GtkListView        *list)
{
  g_autoptr(HdDueSubject) subject = NULL;
  g_autofree char *target = NULL;

  subject = g_list_model_get_item (G_LIST_MODEL (self->due_model), position);
  if (subject == NULL)
    return;

  target = hd_subject_to_target (hd_due_subject_get_subject_kind (subject),
                                 hd_due_subject_get_subject_id (subject));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-history", "s", target);
}

static void
on_editor_response (HdInspectionsPanel    *self,
                    const char            *response,
                    HdRectificationEditor *editor)
{
  g_autoptr(GError) error = NULL;
  HdRectification *task = hd_rectification_editor_get_task (editor);

  if (g_strcmp0 (response, "history") == 0)
    {
      g_autofree char *target = hd_subject_to_target (hd_rectification_get_subject_kind (task),
                                                      hd_rectification_get_subject_id (task));

      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-history", "s", target);
    }
  else if (g_strcmp0 (response, "save") == 0 &&
           !hd_rectification_editor_apply (editor, self->store, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog;

      dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       _("Cannot Change the Task"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

GtkWidget *
hd_inspections_panel_edit_rectification (HdInspectionsPanel *self,
                                         guint               position)
{
  g_autoptr(HdRectification) task = NULL;
  GtkRoot *root;
  GtkWidget *editor;

  g_return_val_if_fail (HD_IS_INSPECTIONS_PANEL (self), NULL);

  task = g_list_model_get_item (G_LIST_MODEL (self->rect_model), position);
  if (task == NULL)
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  editor = hd_rectification_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, task);
  g_signal_connect_object (editor, "response", G_CALLBACK (on_editor_response), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
on_rect_activate (HdInspectionsPanel *self,
                  guint               position,
                  GtkListView        *list)
{
  hd_inspections_panel_edit_rectification (self, position);
}

static void
on_draft_activated (HdInspectionsPanel *self,
                    GtkListBoxRow      *row,
                    GtkListBox         *list)
{
  const char *id = g_object_get_data (G_OBJECT (row), "hd-inspection-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-inspection", "s", id);
}

/* Export */

gboolean
hd_inspections_panel_export_csv (HdInspectionsPanel  *self,
                                 GFile               *file,
                                 GError             **error)
{
  g_autofree char *csv = NULL;
  HdRectificationFilter filter;
  GDate date;
  gsize length = 0;

  g_return_val_if_fail (HD_IS_INSPECTIONS_PANEL (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  date = today (self);
  fill_rectification_filter (self, &filter);
  csv = hd_store_export_rectifications_csv (self->store, &filter, &date, &length, error);
  if (csv == NULL)
    return FALSE;

  return g_file_replace_contents (file, csv, length, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
on_export_response (HdInspectionsPanel   *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *name = NULL;

      if (!hd_inspections_panel_export_csv (self, file, &error))
        /* Translators: a toast; %s is the reason */
        message = g_strdup_printf (_("The problem list was not saved: %s"), error->message);
      else
        {
          name = g_file_get_basename (file);
          /* Translators: a toast; %s is the file's name */
          message = g_strdup_printf (_("Problem list saved as “%s”"), name);
        }
      toast (self, message);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->export_chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HdInspectionsPanel *self = HD_INSPECTIONS_PANEL (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autofree char *date_text = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GDate date = today (self);

  if (self->export_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
      return;
    }

  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");

  self->export_chooser = gtk_file_chooser_native_new (_("Export the Problem List"),
                                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                           : NULL,
                                                      GTK_FILE_CHOOSER_ACTION_SAVE,
                                                      _("_Export"),
                                                      _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->export_chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->export_chooser), csv);

  date_text = hd_date_to_string (&date);
  /* Translators: the suggested file name of an exported problem list; %s is today's date */
  name = g_strdup_printf (_("problem-list-%s.csv"), date_text);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->export_chooser), name);

  g_signal_connect_object (self->export_chooser, "response",
                           G_CALLBACK (on_export_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->export_chooser));
}

/* List factories */

static void
due_setup (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdInspectionsPanel       *self)
{
  gtk_list_item_set_child (item, hd_due_row_new (self->lights));
}

static void
due_bind (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          HdInspectionsPanel       *self)
{
  hd_due_row_set_subject (HD_DUE_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
due_unbind (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdInspectionsPanel       *self)
{
  hd_due_row_set_subject (HD_DUE_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
rect_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            HdInspectionsPanel       *self)
{
  gtk_list_item_set_child (item, hd_rectification_row_new ());
}

static void
rect_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           HdInspectionsPanel       *self)
{
  hd_rectification_row_set_task (HD_RECTIFICATION_ROW (gtk_list_item_get_child (item)),
                                 gtk_list_item_get_item (item));
}

static void
rect_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             HdInspectionsPanel       *self)
{
  hd_rectification_row_set_task (HD_RECTIFICATION_ROW (gtk_list_item_get_child (item)), NULL);
}

static GtkSingleSelection *
new_selection (GListModel *model)
{
  GtkSingleSelection *selection = gtk_single_selection_new (g_object_ref (model));

  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  return selection;
}

static void
hd_inspections_panel_constructed (GObject *object)
{
  HdInspectionsPanel *self = HD_INSPECTIONS_PANEL (object);
  g_autoptr(GtkListItemFactory) due_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) rect_factory = gtk_signal_list_item_factory_new ();

  G_OBJECT_CLASS (hd_inspections_panel_parent_class)->constructed (object);

  g_return_if_fail (HD_IS_STORE (self->store));

  g_signal_connect_object (due_factory, "setup", G_CALLBACK (due_setup), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (due_factory, "bind", G_CALLBACK (due_bind), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (due_factory, "unbind", G_CALLBACK (due_unbind), self, G_CONNECT_DEFAULT);
  gtk_list_view_set_factory (self->due_list, due_factory);
  gtk_list_view_set_model (self->due_list, GTK_SELECTION_MODEL (self->due_selection));

  g_signal_connect_object (rect_factory, "setup", G_CALLBACK (rect_setup), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (rect_factory, "bind", G_CALLBACK (rect_bind), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (rect_factory, "unbind", G_CALLBACK (rect_unbind), self,
                           G_CONNECT_DEFAULT);
  gtk_list_view_set_factory (self->rect_list, rect_factory);
  gtk_list_view_set_model (self->rect_list, GTK_SELECTION_MODEL (self->rect_selection));

  gtk_list_box_bind_model (self->drafts_list, G_LIST_MODEL (self->draft_model),
                           create_draft_row, NULL, NULL);

  g_signal_connect_object (self->store, "changed",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  if (self->lights != NULL)
    g_signal_connect_object (self->lights, "changed",
                             G_CALLBACK (on_lights_changed), self, G_CONNECT_SWAPPED);

  refresh (self);
}

static void
hd_inspections_panel_dispose (GObject *object)
{
  HdInspectionsPanel *self = HD_INSPECTIONS_PANEL (object);

  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->export_chooser));
  g_clear_object (&self->export_chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_INSPECTIONS_PANEL);

  g_clear_object (&self->due_selection);
  g_clear_object (&self->rect_selection);
  g_clear_object (&self->due_model);
  g_clear_object (&self->rect_model);
  g_clear_object (&self->draft_model);
  g_clear_object (&self->lights);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hd_inspections_panel_parent_class)->dispose (object);
}

static void
hd_inspections_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  HdInspectionsPanel *self = HD_INSPECTIONS_PANEL (object);

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
hd_inspections_panel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  HdInspectionsPanel *self = HD_INSPECTIONS_PANEL (object);

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
hd_inspections_panel_class_init (HdInspectionsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hd_inspections_panel_constructed;
  object_class->dispose = hd_inspections_panel_dispose;
  object_class->get_property = hd_inspections_panel_get_property;
  object_class->set_property = hd_inspections_panel_set_property;

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

  hd_application_ensure_resources ();
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/hongdai/Hongdai/hd-inspections-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, box);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, tab_stack);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, drafts_box);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, drafts_list);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, due_heading);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, due_stack);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, due_list);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, rect_count_label);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, rect_stack);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, rect_list);
  gtk_widget_class_bind_template_child (widget_class, HdInspectionsPanel, rect_empty);
  gtk_widget_class_bind_template_callback (widget_class, on_overdue_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_due_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_rect_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_draft_activated);

  gtk_widget_class_install_action (widget_class, "panel.export-rectifications", NULL,
                                   export_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdinspectionspanel");
}

static void
hd_inspections_panel_init (HdInspectionsPanel *self)
{
  g_date_clear (&self->listed_day, 1);
  self->due_model = g_list_store_new (HD_TYPE_DUE_SUBJECT);
  self->rect_model = g_list_store_new (HD_TYPE_RECTIFICATION);
  self->draft_model = g_list_store_new (HD_TYPE_INSPECTION);
  self->due_selection = new_selection (G_LIST_MODEL (self->due_model));
  self->rect_selection = new_selection (G_LIST_MODEL (self->rect_model));

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_inspections_panel_new (HdStore  *store,
                          HdLights *lights)
{
  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (lights == NULL || HD_IS_LIGHTS (lights), NULL);

  return g_object_new (HD_TYPE_INSPECTIONS_PANEL,
                       "store", store,
                       "lights", lights,
                       NULL);
}

const char *
hd_inspections_panel_get_tab (HdInspectionsPanel *self)
{
  g_return_val_if_fail (HD_IS_INSPECTIONS_PANEL (self), NULL);

  return gtk_stack_get_visible_child_name (self->tab_stack);
}

gboolean
hd_inspections_panel_set_tab (HdInspectionsPanel *self,
                              const char         *name)
{
  g_return_val_if_fail (HD_IS_INSPECTIONS_PANEL (self), FALSE);

  if (g_strcmp0 (name, "due") != 0 && g_strcmp0 (name, "rectifications") != 0)
    return FALSE;

  gtk_stack_set_visible_child_name (self->tab_stack, name);
  return TRUE;
}

GListModel *
hd_inspections_panel_get_due_model (HdInspectionsPanel *self)
{
  g_return_val_if_fail (HD_IS_INSPECTIONS_PANEL (self), NULL);

  return G_LIST_MODEL (self->due_model);
}

GListModel *
hd_inspections_panel_get_rectification_model (HdInspectionsPanel *self)
{
  g_return_val_if_fail (HD_IS_INSPECTIONS_PANEL (self), NULL);

  return G_LIST_MODEL (self->rect_model);
}

GListModel *
hd_inspections_panel_get_draft_model (HdInspectionsPanel *self)
{
  g_return_val_if_fail (HD_IS_INSPECTIONS_PANEL (self), NULL);

  return G_LIST_MODEL (self->draft_model);
}

gboolean
hd_inspections_panel_get_overdue_only (HdInspectionsPanel *self)
{
  g_return_val_if_fail (HD_IS_INSPECTIONS_PANEL (self), FALSE);

  return gtk_toggle_button_get_active (self->overdue_toggle);
}

void
hd_inspections_panel_set_overdue_only (HdInspectionsPanel *self,
                                       gboolean            overdue_only)
{
  g_return_if_fail (HD_IS_INSPECTIONS_PANEL (self));

  gtk_toggle_button_set_active (self->overdue_toggle, overdue_only);
}

char *
hd_inspections_panel_dup_selected_target (HdInspectionsPanel *self)
{
  g_return_val_if_fail (HD_IS_INSPECTIONS_PANEL (self), NULL);

  if (g_strcmp0 (hd_inspections_panel_get_tab (self), "rectifications") == 0)
    {
      HdRectification *task = gtk_single_selection_get_selected_item (self->rect_selection);

      if (task == NULL)
        return NULL;
      return hd_subject_to_target (hd_rectification_get_subject_kind (task),
                                   hd_rectification_get_subject_id (task));
    }
  else
    {
      HdDueSubject *subject = gtk_single_selection_get_selected_item (self->due_selection);

      if (subject == NULL)
        return NULL;
      return hd_subject_to_target (hd_due_subject_get_subject_kind (subject),
                                   hd_due_subject_get_subject_id (subject));
    }
}
