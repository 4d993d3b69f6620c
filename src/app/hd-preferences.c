/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-preferences"

#include <glib/gi18n.h>

#include "hd-mbtiles-source.h"
#include "hd-preferences.h"

struct _HdPreferences
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  /* The file removed last and where it was, for the toast's Undo. */
  char                 *removed_path;
  guint                 removed_index;

  GtkSwitch            *online_switch;
  GtkListBox           *files_list;
};

G_DEFINE_FINAL_TYPE (HdPreferences, hd_preferences, ADW_TYPE_PREFERENCES_WINDOW)

static void
set_files (HdPreferences      *self,
           const char * const *paths)
{
  g_settings_set_strv (self->settings, "map-files", paths);
}

static void
on_remove_clicked (GtkButton     *button,
                   HdPreferences *self)
{
  const char *path = g_object_get_data (G_OBJECT (button), "path");
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "map-files");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *title = NULL;
  AdwToast *toast;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_str_equal (paths[i], path))
        self->removed_index = i;
      else
        g_strv_builder_add (builder, paths[i]);
    }
  g_free (self->removed_path);
  self->removed_path = g_strdup (path);
  kept = g_strv_builder_end (builder);
  set_files (self, (const char * const *) kept);

  /* Translators: a toast; %s is a map file's name */
  title = g_strdup_printf (_("“%s” removed from the map"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "prefs.undo-remove");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
undo_remove_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HdPreferences *self = HD_PREFERENCES (widget);
  g_auto(GStrv) paths = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) restored = NULL;
  guint i;

  if (self->removed_path == NULL)
    return;

  paths = g_settings_get_strv (self->settings, "map-files");
  if (g_strv_contains ((const char * const *) paths, self->removed_path))
    return;
  for (i = 0; paths[i] != NULL; i++)
    {
      if (i == self->removed_index)
        g_strv_builder_add (builder, self->removed_path);
      g_strv_builder_add (builder, paths[i]);
    }
  if (i <= self->removed_index)
    g_strv_builder_add (builder, self->removed_path);
  restored = g_strv_builder_end (builder);
  set_files (self, (const char * const *) restored);
  g_clear_pointer (&self->removed_path, g_free);
}

static GtkWidget *
file_row_new (HdPreferences *self,
              const char    *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdMbtilesSource) source = hd_mbtiles_source_new_for_path (path, &error);
  g_autofree char *display_path = g_filename_display_name (path);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove;

  if (source != NULL)
    {
      HdMbtiles *mbtiles = hd_mbtiles_source_get_mbtiles (source);
      g_autofree char *zooms = NULL;
      g_autofree char *subtitle = NULL;

      /* Translators: a map file's zoom range, e.g. "zoom 10–17" */
      zooms = g_strdup_printf (_("zoom %d–%d"), hd_mbtiles_get_min_zoom (mbtiles),
                               hd_mbtiles_get_max_zoom (mbtiles));
      subtitle = g_strdup_printf ("%s\n%s", display_path, zooms);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hd_mbtiles_get_name (mbtiles));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  else
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *name = g_filename_display_basename (path);

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, error->message);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove from the Map"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove from the map"),
                                  -1);
  g_object_set_data_full (G_OBJECT (remove), "path", g_strdup (path), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  return row;
}

static void
rebuild_files (HdPreferences *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "map-files");
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->files_list))) != NULL)
    gtk_list_box_remove (self->files_list, child);

  for (guint i = 0; paths[i] != NULL; i++)
    gtk_list_box_append (self->files_list, file_row_new (self, paths[i]));

  if (paths[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No map files"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->files_list, row);
    }
}

static void
on_file_chosen (const char *path,
                gpointer    user_data)
{
  HdPreferences *self = user_data;
  g_autoptr(HdMbtilesSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) added = NULL;

  /* Refused here, with the reason, rather than listed with a warning. */
  source = hd_mbtiles_source_new_for_path (path, &error);
  if (source == NULL)
    {
      hd_preferences_show_map_file_error (GTK_WIDGET (self), error);
      return;
    }

  paths = g_settings_get_strv (self->settings, "map-files");
  if (g_strv_contains ((const char * const *) paths, path))
    return;
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) paths);
  g_strv_builder_add (builder, path);
  added = g_strv_builder_end (builder);
  set_files (self, (const char * const *) added);
}

static void
add_file_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  hd_preferences_choose_map_file (widget, on_file_chosen, widget);
}

static void
hd_preferences_dispose (GObject *object)
{
  HdPreferences *self = HD_PREFERENCES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_PREFERENCES);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->removed_path, g_free);

  G_OBJECT_CLASS (hd_preferences_parent_class)->dispose (object);
}

static void
hd_preferences_class_init (HdPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_preferences_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, HdPreferences, online_switch);
  gtk_widget_class_bind_template_child (widget_class, HdPreferences, files_list);

  gtk_widget_class_install_action (widget_class, "prefs.add-file", NULL, add_file_activated);
  gtk_widget_class_install_action (widget_class, "prefs.undo-remove", NULL,
                                   undo_remove_activated);
}

static void
hd_preferences_init (HdPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
hd_preferences_new (GtkWindow *parent,
                    GSettings *settings)
{
  HdPreferences *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HD_TYPE_PREFERENCES,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "online-map", self->online_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::map-files", G_CALLBACK (rebuild_files), self,
                           G_CONNECT_SWAPPED);
  rebuild_files (self);

  return GTK_WIDGET (self);
}

typedef struct
{
  GtkWidget       *widget;
  HdMapFileChosen  callback;
  gpointer         user_data;
} ChooseData;

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  ChooseData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        data->callback (path, data->user_data);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (data->widget);
  g_free (data);
}

void
hd_preferences_choose_map_file (GtkWidget       *widget,
                                HdMapFileChosen  callback,
                                gpointer         user_data)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) mbtiles = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkRoot *root;
  ChooseData *data;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (callback != NULL);

  root = gtk_widget_get_root (widget);
  chooser = gtk_file_chooser_native_new (_("Add Map File"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Add"), _("_Cancel"));
  gtk_file_filter_set_name (mbtiles, _("MBTiles map files"));
  gtk_file_filter_add_pattern (mbtiles, "*.mbtiles");
  gtk_file_filter_add_pattern (mbtiles, "*.MBTILES");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), mbtiles);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  data = g_new0 (ChooseData, 1);
  data->widget = g_object_ref (widget);
  data->callback = callback;
  data->user_data = user_data;
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
hd_preferences_show_map_file_error (GtkWidget    *widget,
                                    const GError *error)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Cannot Add the Map File"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
