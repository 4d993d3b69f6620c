/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window on a real workspace, under Xvfb: lists, search, empty state, the sample action and
 * the --screenshot code path. */
#define G_LOG_DOMAIN "test-ui-smoke"

#include <glib/gstdio.h>

#include "hd-application.h"
#include "hd-belt-row.h"
#include "hd-map-view.h"
#include "hd-site-row.h"
#include "hd-store.h"
#include "hd-window.h"
#include "hd-test-ui.h"

static HdApplication *app;

static const char * const fuzhou_belts[] = {
  "楼宇党建示范带",
  "海峡金融商务区党建示范带",
  "南江滨两新党建示范带",
  "“红领福兴”两新组织党建示范带",
};

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  hd_test_fixture_open (fixture, FALSE);
}

static void
collect_belt_rows (GtkWidget *widget,
                   GPtrArray *names)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (HD_IS_BELT_ROW (child))
        {
          HdBelt *belt = hd_belt_row_get_belt (HD_BELT_ROW (child));

          if (belt != NULL && gtk_widget_get_mapped (child))
            g_ptr_array_add (names, g_strdup (hd_belt_get_name (belt)));
        }
      else
        collect_belt_rows (child, names);
    }
}

/* (transfer full): the belt names the sidebar's rows show right now */
static GPtrArray *
shown_belt_names (HdWindow *window)
{
  GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), HD_TYPE_WINDOW,
                                                                "belt_list"));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  collect_belt_rows (list, names);
  return names;
}

static gboolean
belt_rows_shown (gpointer data)
{
  g_autoptr(GPtrArray) names = shown_belt_names (data);

  return names->len > 0;
}

static gboolean
belt_model_has_one (gpointer data)
{
  return g_list_model_get_n_items (hd_window_get_belt_model (data)) == 1;
}

static gboolean
belt_model_is_full (gpointer data)
{
  HdWindow *window = data;

  return g_list_model_get_n_items (hd_window_get_belt_model (window)) ==
         g_list_model_get_n_items (hd_store_get_belts (hd_window_get_store (window)));
}

static gboolean
model_contains_belt (GListModel *model,
                     const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (model, i);

      if (g_strcmp0 (hd_belt_get_name (belt), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
assert_screenshot (HdWindow   *window,
                   const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "window.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HdTestScreenshot shot = { 0 };
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guchar *pixels = NULL;
  int width, height;

  hd_window_screenshot_async (window, file, NULL, hd_test_on_screenshot, &shot);
  g_assert_true (wait_until (hd_test_screenshot_done, &shot));
  g_assert_no_error (shot.error);
  g_assert_true (shot.ok);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, ==, 800);

  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height && g_hash_table_size (colours) <= 50; i++)
    {
      guint32 pixel;

      memcpy (&pixel, pixels + i * 4, sizeof pixel);
      g_hash_table_add (colours, GUINT_TO_POINTER (pixel));
    }
  g_assert_cmpuint (g_hash_table_size (colours), >, 50);
}

static void
test_sample_workspace (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(HdBelt) found = NULL;
  GListModel *belts;
  GtkWidget *search;
  GtkWidget *map_bin;
  GtkWidget *map;

  hd_store_load_sample (fixture->store, &error);
  g_assert_no_error (error);

  fixture->window = hd_test_show_window (app, fixture->store);
  g_assert_true (wait_until (belt_rows_shown, fixture->window));

  g_assert_cmpstr (hd_window_get_state (fixture->window), ==, "workspace");
  g_assert_cmpstr (hd_window_get_page (fixture->window), ==, "belts");

  belts = hd_window_get_belt_model (fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (belts), ==,
                    g_list_model_get_n_items (hd_store_get_belts (fixture->store)));
  for (guint i = 0; i < G_N_ELEMENTS (fuzhou_belts); i++)
    g_assert_true (model_contains_belt (belts, fuzhou_belts[i]));
  g_assert_true (model_contains_belt (belts, "金湾区党建示范带"));

  /* The rows on screen, not only the model. */
  shown = shown_belt_names (fixture->window);
  g_assert_true (g_ptr_array_find_with_equal_func (shown, "楼宇党建示范带", g_str_equal, NULL));

  /* The site dots are on the map. */
  map_bin = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                      HD_TYPE_WINDOW, "map_bin"));
  map = adw_bin_get_child (ADW_BIN (map_bin));
  g_assert_true (HD_IS_MAP_VIEW (map));
  g_assert_cmpuint (hd_map_view_get_n_markers (HD_MAP_VIEW (map)), >, 0);

  /* Search by a Chinese substring of the name. */
  search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                     HD_TYPE_WINDOW, "belt_search"));
  gtk_editable_set_text (GTK_EDITABLE (search), "金融");
  g_assert_true (wait_until (belt_model_has_one, fixture->window));
  found = g_list_model_get_item (belts, 0);
  g_assert_cmpstr (hd_belt_get_name (found), ==, "海峡金融商务区党建示范带");

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_assert_true (wait_until (belt_model_is_full, fixture->window));

  /* The sites page. */
  g_assert_true (hd_window_set_page (fixture->window, "sites"));
  g_assert_cmpstr (hd_window_get_page (fixture->window), ==, "sites");
  g_assert_cmpuint (g_list_model_get_n_items (hd_window_get_site_model (fixture->window)), ==,
                    g_list_model_get_n_items (hd_store_get_sites (fixture->store)));
  g_assert_false (hd_window_set_page (fixture->window, "no-such-page"));
  hd_window_set_page (fixture->window, "belts");

  assert_screenshot (fixture->window, fixture->dir);
}

static gboolean
shows_workspace (gpointer data)
{
  return g_strcmp0 (hd_window_get_state (data), "workspace") == 0;
}

static gboolean
shows_empty (gpointer data)
{
  return g_strcmp0 (hd_window_get_state (data), "empty") == 0;
}

static void
test_empty_workspace (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *open_sample;

  fixture->window = hd_test_show_window (app, fixture->store);

  g_assert_cmpstr (hd_window_get_state (fixture->window), ==, "empty");

  /* The status page's button follows the action's enabled state. */
  open_sample = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window),
                                                          HD_TYPE_WINDOW, "open_sample_button"));
  g_assert_true (gtk_widget_get_mapped (open_sample));
  g_assert_true (gtk_widget_is_sensitive (open_sample));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.open-sample", NULL));
  g_assert_true (wait_until (shows_workspace, fixture->window));
  g_assert_true (wait_until (belt_rows_shown, fixture->window));

  g_assert_cmpuint (g_list_model_get_n_items (hd_window_get_belt_model (fixture->window)), >=,
                    G_N_ELEMENTS (fuzhou_belts));
  g_assert_true (model_contains_belt (hd_window_get_belt_model (fixture->window), "楼宇党建示范带"));
  /* Only into an empty workspace. */
  g_assert_false (gtk_widget_is_sensitive (open_sample));

  /* Ctrl+Z takes the sample out again and the empty page is back; Ctrl+Shift+Z restores it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  g_assert_true (wait_until (shows_empty, fixture->window));
  g_assert_true (hd_store_is_empty (fixture->store));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL));
  g_assert_true (wait_until (shows_workspace, fixture->window));
  g_assert_true (model_contains_belt (hd_window_get_belt_model (fixture->window), "楼宇党建示范带"));
}

static AdwMessageDialog *
find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == parent)
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *sample_dir = hd_sample_dir ();
  g_autofree char *path = g_build_filename (sample_dir, "jinwan.geojson", NULL);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *broken_path = g_build_filename (fixture->dir, "broken.geojson", NULL);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  guint n_belts, n_sites;

  fixture->window = hd_test_show_window (app, fixture->store);
  g_assert_cmpstr (hd_window_get_state (fixture->window), ==, "empty");

  g_list_store_append (files, file);
  g_assert_true (hd_window_import_files (fixture->window, G_LIST_MODEL (files)));
  g_assert_true (wait_until (shows_workspace, fixture->window));
  g_assert_true (model_contains_belt (hd_window_get_belt_model (fixture->window), "金湾区党建示范带"));
  g_assert_null (find_message_dialog (GTK_WINDOW (fixture->window)));

  n_belts = g_list_model_get_n_items (hd_store_get_belts (fixture->store));
  n_sites = g_list_model_get_n_items (hd_store_get_sites (fixture->store));

  /* One good file and one bad one: nothing of either goes in, and the error is shown. */
  g_file_set_contents (broken_path,
                       "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\"}]}",
                       -1, &error);
  g_assert_no_error (error);
  g_list_store_remove_all (files);
  g_list_store_append (files, file);
  g_list_store_append (files, broken);
  g_assert_false (hd_window_import_files (fixture->window, G_LIST_MODEL (files)));
  dialog = find_message_dialog (GTK_WINDOW (fixture->window));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.geojson"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_belts (fixture->store)), ==, n_belts);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (fixture->store)), ==, n_sites);
}

static void
test_store_error (void)
{
  g_autoptr(GError) error = g_error_new_literal (HD_STORE_ERROR, HD_STORE_ERROR_NEWER_VERSION,
                                                 "x.db: written by a newer version");
  HdWindow *window = hd_test_show_window (app, NULL);

  g_assert_cmpstr (hd_window_get_state (window), ==, "error");
  hd_window_show_store_error (window, "/tmp/x.db", error);
  g_assert_cmpstr (hd_window_get_state (window), ==, "error");
  g_assert_null (hd_window_get_belt_model (window));

  /* Closes the error dialog with the window. */
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_screenshot_closed (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/never-written.png");
  HdTestScreenshot shot = { 0 };
  HdWindow *window;

  /* Not shown: nothing to capture. */
  window = hd_window_new (app, NULL);
  hd_window_screenshot_async (window, file, NULL, hd_test_on_screenshot, &shot);
  g_assert_true (wait_until (hd_test_screenshot_done, &shot));
  g_assert_false (shot.ok);
  g_assert_error (shot.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&shot.error);
  gtk_window_destroy (GTK_WINDOW (window));

  /* Closed before the picture is taken: the caller still hears back. */
  shot = (HdTestScreenshot) { 0 };
  window = hd_test_show_window (app, NULL);
  hd_window_screenshot_async (window, file, NULL, hd_test_on_screenshot, &shot);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (wait_until (hd_test_screenshot_done, &shot));
  g_assert_false (shot.ok);
  g_assert_error (shot.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&shot.error);
}

static void
test_row_texts (void)
{
  g_autofree char *count = hd_belt_row_format_count (9, 8);
  g_autofree char *spoken = hd_belt_row_format_count_accessible (5, 8);
  g_autofree char *belt_subtitle = hd_belt_row_format_subtitle ("红领福兴", HD_BELT_STAGE_BRAND);
  g_autofree char *no_brand = hd_belt_row_format_subtitle (NULL, HD_BELT_STAGE_BRAND);
  g_autofree char *site_subtitle = hd_site_row_format_subtitle (HD_SITE_KIND_RED_POST, "某党支部");
  g_autofree char *no_org = hd_site_row_format_subtitle (HD_SITE_KIND_RED_POST, "");

  g_assert_cmpstr (count, ==, "9 / 8 sites");
  g_assert_cmpstr (spoken, ==, "5 of 8 sites");
  g_assert_true (g_str_has_prefix (belt_subtitle, "红领福兴 · "));
  g_assert_cmpstr (no_brand, ==, hd_belt_stage_label (HD_BELT_STAGE_BRAND));
  g_assert_true (g_str_has_suffix (site_subtitle, " · 某党支部"));
  g_assert_cmpstr (no_org, ==, hd_site_kind_label (HD_SITE_KIND_RED_POST));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add_func ("/ui/row-texts", test_row_texts);
  g_test_add ("/ui/sample-workspace", Fixture, NULL,
              fixture_set_up, test_sample_workspace, fixture_tear_down);
  g_test_add ("/ui/empty-workspace", Fixture, NULL,
              fixture_set_up, test_empty_workspace, fixture_tear_down);
  g_test_add ("/ui/import", Fixture, NULL,
              fixture_set_up, test_import, fixture_tear_down);
  g_test_add_func ("/ui/store-error", test_store_error);
  g_test_add_func ("/ui/screenshot-closed", test_screenshot_closed);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
