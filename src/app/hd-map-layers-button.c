/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-map-layers-button"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hd-map-layers-button.h"
#include "hd-preferences.h"

struct _HdMapLayersButton
{
  GtkWidget           parent_instance;

  HdMapView          *view;
  GSettings          *settings;
  /* The files the menu offers, in the order added (the settings' list when there are some). */
  GPtrArray          *paths;

  GtkMenuButton      *menu_button;
  GMenu              *base_section;
};

G_DEFINE_FINAL_TYPE (HdMapLayersButton, hd_map_layers_button, GTK_TYPE_WIDGET)

static void
append_base (HdMapLayersButton *self,
             const char        *label,
             const char        *base)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, "map.base", g_variant_new_string (base));
  g_menu_append_item (self->base_section, item);
}

/* One group of radio items: the offline map, each file that opened, and OpenStreetMap when
 * the preferences allow it. */
static void
rebuild_menu (HdMapLayersButton *self)
{
  g_menu_remove_all (self->base_section);
  append_base (self, _("_Offline Map"), HD_MAP_BASE_OFFLINE);

  for (guint i = 0; i < self->paths->len; i++)
    {
      const char *path = g_ptr_array_index (self->paths, i);
      const char *name = hd_map_view_get_file_name (self->view, path);

      g_auto(GStrv) parts = NULL;
      g_autofree char *label = NULL;

      /* A file that did not open (moved, unplugged) is not offered. */
      if (name == NULL)
        continue;
      /* Menu labels take "_" for a mnemonic: a name's own underscores are doubled. */
      parts = g_strsplit (name, "_", -1);
      label = g_strjoinv ("__", parts);
      append_base (self, label, path);
    }

  if (hd_map_view_get_online (self->view))
    append_base (self, _("Open_StreetMap (Online)"), HD_MAP_BASE_ONLINE);
}

/* The view follows the list of files: new ones are opened, dropped ones forgotten. */
static void
sync_files (HdMapLayersButton  *self,
            const char * const *paths)
{
  for (guint i = 0; i < self->paths->len; i++)
    {
      const char *path = g_ptr_array_index (self->paths, i);

      if (!g_strv_contains (paths, path))
        hd_map_view_remove_file (self->view, path);
    }

  g_ptr_array_set_size (self->paths, 0);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!hd_map_view_add_file (self->view, paths[i], &error))
        /* The preferences list it with this reason; the map goes on without it. */
        g_message ("Map file not shown: %s", error->message);
      g_ptr_array_add (self->paths, g_strdup (paths[i]));
    }

  rebuild_menu (self);
}

static void
on_files_changed (GSettings  *settings,
                  const char *key,
                  gpointer    user_data)
{
  HdMapLayersButton *self = user_data;
  g_auto(GStrv) paths = g_settings_get_strv (settings, "map-files");

  sync_files (self, (const char * const *) paths);
}

static void
on_online_changed (HdMapLayersButton *self)
{
  rebuild_menu (self);
}

gboolean
hd_map_layers_button_add_file (HdMapLayersButton  *self,
                               const char         *path,
                               GError            **error)
{
  g_return_val_if_fail (HD_IS_MAP_LAYERS_BUTTON (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!hd_map_view_add_file (self->view, path, error))
    return FALSE;

  if (!g_ptr_array_find_with_equal_func (self->paths, path, g_str_equal, NULL))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) paths = NULL;

      for (guint i = 0; i < self->paths->len; i++)
        g_strv_builder_add (builder, g_ptr_array_index (self->paths, i));
      g_strv_builder_add (builder, path);
      paths = g_strv_builder_end (builder);

      /* Through the settings when there are some: their change notification syncs. */
      if (self->settings != NULL)
        g_settings_set_strv (self->settings, "map-files", (const char * const *) paths);
      else
        sync_files (self, (const char * const *) paths);
    }

  hd_map_view_set_base (self->view, path);
  return TRUE;
}

static void
on_file_chosen (const char *path,
                gpointer    user_data)
{
  HdMapLayersButton *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_map_layers_button_add_file (self, path, &error))
    hd_preferences_show_map_file_error (GTK_WIDGET (self), error);
  else
    /* A file of another town would show nothing where the map is now. */
    hd_map_view_show_file (self->view, path);
}

static void
add_file_activated (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  hd_preferences_choose_map_file (GTK_WIDGET (user_data), on_file_chosen, user_data);
}

static void
hd_map_layers_button_dispose (GObject *object)
{
  HdMapLayersButton *self = HD_MAP_LAYERS_BUTTON (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HD_TYPE_MAP_LAYERS_BUTTON);
  g_clear_object (&self->view);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->paths, g_ptr_array_unref);

  G_OBJECT_CLASS (hd_map_layers_button_parent_class)->dispose (object);
}

static void
hd_map_layers_button_class_init (HdMapLayersButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hd_map_layers_button_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/hongdai/Hongdai/hd-map-layers-button.ui");
  gtk_widget_class_bind_template_child (widget_class, HdMapLayersButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, HdMapLayersButton, base_section);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hdmaplayersbutton");
}

static void
hd_map_layers_button_init (HdMapLayersButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->paths = g_ptr_array_new_with_free_func (g_free);
}

static const struct {
  const char *action;
  const char *property;
  const char *key;
} view_actions[] = {
  { "show-sites", "show-sites", "map-show-sites" },
  { "show-belts", "show-belts", "map-show-belts" },
  { "show-regions", "show-regions", "map-show-regions" },
  { "show-labels", "show-labels", "map-show-labels" },
  { "base", "base", "map-base" },
};

GtkWidget *
hd_map_layers_button_new (HdMapView *view,
                          GSettings *settings)
{
  HdMapLayersButton *self;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_return_val_if_fail (HD_IS_MAP_VIEW (view), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HD_TYPE_MAP_LAYERS_BUTTON, NULL);
  self->view = g_object_ref (view);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;

  /* Stateful actions on the view's properties: radio items for "base", check items for the
   * rest; the menu shows their state. */
  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    {
      g_autoptr(GPropertyAction) action =
        g_property_action_new (view_actions[i].action, view, view_actions[i].property);

      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  {
    g_autoptr(GSimpleAction) add_file = g_simple_action_new ("add-file", NULL);

    g_signal_connect_object (add_file, "activate", G_CALLBACK (add_file_activated), self,
                             G_CONNECT_DEFAULT);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (add_file));
  }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "map", G_ACTION_GROUP (group));

  g_signal_connect_object (view, "notify::online", G_CALLBACK (on_online_changed), self,
                           G_CONNECT_SWAPPED);

  if (settings != NULL)
    {
      g_auto(GStrv) paths = g_settings_get_strv (settings, "map-files");

      /* Files first, so that a file chosen as base can be shown. */
      sync_files (self, (const char * const *) paths);
      g_signal_connect_object (settings, "changed::map-files", G_CALLBACK (on_files_changed),
                               self, G_CONNECT_DEFAULT);
      g_settings_bind (settings, "online-map", view, "online", G_SETTINGS_BIND_GET);
      for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
        g_settings_bind (settings, view_actions[i].key, view, view_actions[i].property,
                         G_SETTINGS_BIND_DEFAULT);
    }

  rebuild_menu (self);
  return GTK_WIDGET (self);
}
