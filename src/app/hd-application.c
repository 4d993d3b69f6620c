/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-application"

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "hd-application.h"
#include "hd-preferences.h"
#include "hd-resources.h"
#include "hd-store.h"
#include "hd-window.h"

#define SCREENSHOT_WIDTH  1280
#define SCREENSHOT_HEIGHT 800

struct _HdApplication
{
  AdwApplication  parent_instance;

  /* From the command line */
  char           *db_path;
  char           *screenshot_path;
  char           *page;
  gboolean        sample;

  GSettings      *settings;
  int             exit_status;
};

G_DEFINE_FINAL_TYPE (HdApplication, hd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the workspace FILE instead of the default one"), N_("FILE") },
  { "sample", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Load the sample workspace first if the workspace is empty"), NULL },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the page NAME (belts, sites, inspections, due, rectifications, site-table, belt-table)"), N_("NAME") },
  { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save the window at 1280×800 to the PNG FILE, then quit"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and quit"), NULL },
  { NULL }
};

void
hd_application_ensure_resources (void)
{
  static gsize registered = 0;

  /* Registering the same static resource twice corrupts GLib's list: exactly once. */
  if (g_once_init_enter (&registered))
    {
      hd_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

int
hd_application_get_exit_status (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), 1);

  return self->exit_status;
}

GSettings *
hd_application_get_settings (HdApplication *self)
{
  g_return_val_if_fail (HD_IS_APPLICATION (self), NULL);

  return self->settings;
}

static int
hd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  HdApplication *self = HD_APPLICATION (application);
  const char *db = NULL;
  const char *screenshot = NULL;
  const char *page = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", g_get_prgname (), HD_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "page", "&s", &page))
    {
      const char * const *names = hd_window_get_page_names ();

      if (!g_strv_contains (names, page))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) names);

          g_printerr (_("Unknown page “%s”; the pages are: %s\n"), page, list);
          return 2;
        }
      g_free (self->page);
      self->page = g_strdup (page);
    }

  /* Relative paths are relative to where the command ran. */
  if (g_variant_dict_lookup (options, "db", "^&ay", &db) && *db != '\0')
    {
      g_free (self->db_path);
      self->db_path = g_canonicalize_filename (db, NULL);
    }

  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &screenshot) && *screenshot != '\0')
    {
      g_free (self->screenshot_path);
      self->screenshot_path = g_canonicalize_filename (screenshot, NULL);
    }

  self->sample = g_variant_dict_contains (options, "sample");

  /* Go on: activate (a window) in this process. */
  return -1;
}

static void
on_screenshot_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(HdApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!hd_window_screenshot_finish (HD_WINDOW (source), result, &error))
    {
      g_printerr (_("Cannot save the screenshot %s: %s\n"), self->screenshot_path, error->message);
      self->exit_status = 1;
    }

  g_application_quit (G_APPLICATION (self));
}

static void
hd_application_activate (GApplication *application)
{
  HdApplication *self = HD_APPLICATION (application);
  g_autoptr(HdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) sample_error = NULL;
  g_autofree char *path = NULL;
  GtkWindow *active;
  HdWindow *window;

  active = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }

  path = self->db_path != NULL ? g_strdup (self->db_path) : hd_store_default_path ();
  store = hd_store_open (path, &error);

  if (store != NULL && self->sample && hd_store_is_empty (store) &&
      !hd_store_load_sample (store, &sample_error))
    g_printerr (_("Cannot load the sample workspace: %s\n"), sample_error->message);

  /* Another Hongdai (or hongdai-cli) writing to the same file shows up here too. */
  if (store != NULL)
    hd_store_watch_file (store);

  window = hd_window_new (self, store);

  if (self->screenshot_path != NULL)
    hd_window_fix_size (window, SCREENSHOT_WIDTH, SCREENSHOT_HEIGHT);
  else if (self->settings != NULL)
    hd_window_bind_settings (window, self->settings);

  if (self->page != NULL)
    hd_window_set_page (window, self->page);

  gtk_window_present (GTK_WINDOW (window));

  if (error != NULL)
    {
      g_printerr (_("Cannot open the workspace %s: %s\n"), path, error->message);
      hd_window_show_store_error (window, path, error);
    }
  else if (sample_error != NULL)
    hd_window_show_error_dialog (window, _("Cannot Open the Sample Workspace"), sample_error);

  if (self->screenshot_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->screenshot_path);

      /* The picture is still taken (it shows the error), but the run did not do its job. */
      if (error != NULL || sample_error != NULL)
        self->exit_status = 1;

      hd_window_screenshot_async (window, file, NULL, on_screenshot_done, g_object_ref (self));
    }
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *application = GTK_APPLICATION (user_data);
  static const char *developers[] = { "Hongdai contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (application),
                        "application-name", _("Hongdai"),
                        "application-icon", HD_APP_ID,
                        "version", HD_VERSION,
                        "developer-name", _("The Hongdai Contributors"),
                        "developers", developers,
                        "comments", _("Plan Party-building demonstration belts on a map, "
                                      "inspect their sites against the standards and "
                                      "report progress toward the three-year plan."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  HdApplication *self = HD_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  if (self->settings == NULL)
    return;

  /* One preferences window: an open one comes to the front. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (HD_IS_PREFERENCES (l->data))
      {
        gtk_window_present (l->data);
        return;
      }

  preferences = hd_preferences_new (parent, self->settings);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
  { .name = "preferences", .activate = preferences_activated },
};

static GSettings *
load_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Run from the build tree without GSETTINGS_SCHEMA_DIR there is no schema: g_settings_new()
   * would abort, so the window just does not remember its size. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, HD_APP_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("GSettings schema %s is not installed; settings are not saved", HD_APP_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
hd_application_startup (GApplication *application)
{
  HdApplication *self = HD_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (hd_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  /* Also a binding on HdWindow; listed here so that menus show the shortcut. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  self->settings = load_settings ();
  /* Without a schema nothing could be remembered: no preferences to show. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "preferences")),
                               self->settings != NULL);
  /* openstreetmap.org's tile policy asks every app to name itself. */
  shumate_set_user_agent ("Hongdai/" HD_VERSION);
}

static void
hd_application_finalize (GObject *object)
{
  HdApplication *self = HD_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->screenshot_path, g_free);
  g_clear_pointer (&self->page, g_free);

  G_OBJECT_CLASS (hd_application_parent_class)->finalize (object);
}

static void
hd_application_class_init (HdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = hd_application_finalize;

  application_class->handle_local_options = hd_application_handle_local_options;
  application_class->startup = hd_application_startup;
  application_class->activate = hd_application_activate;

  hd_application_ensure_resources ();
}

static void
hd_application_init (HdApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (
    G_APPLICATION (self), _("Plan and inspect Party-building demonstration belts."));
}

HdApplication *
hd_application_new (void)
{
  /* Several workspaces (and --screenshot runs) may be open at once: one process each. */
  return g_object_new (HD_TYPE_APPLICATION,
                       "application-id", HD_APP_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}
