/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The editors under Xvfb: a site edited through the form's widgets (validation, save, undo, a
 * conflicting edit and Reload), a delete with its Undo toast, a new 8-site belt built with the
 * belt editor, and the route figures as a pure function. */
#define G_LOG_DOMAIN "test-ui-editors"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "hd-application.h"
#include "hd-belt-editor.h"
#include "hd-inspection.h"
#include "hd-site-editor.h"
#include "hd-store.h"
#include "hd-window.h"
#include "hd-test-ui.h"

static HdApplication *app;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  hd_test_fixture_open (fixture, TRUE);
}

static void
watch (GtkWidget *editor,
       gpointer  *pointer)
{
  *pointer = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), pointer);
}

static GtkEditable *
editor_row (GtkWidget  *editor,
            GType       type,
            const char *name)
{
  GObject *row = gtk_widget_get_template_child (editor, type, name);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static guint
n_inspections (HdStore    *store,
               const char *site_id)
{
  g_autoptr(GListStore) list = hd_store_list_inspections (store, site_id, NULL);

  g_assert_nonnull (list);
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* (transfer none): a site of the sample with (or without) inspections */
static HdSite *
find_site (HdStore  *store,
           gboolean  inspected)
{
  GListModel *sites = hd_store_get_sites (store);

  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      if ((n_inspections (store, hd_site_get_id (site)) > 0) == inspected)
        return hd_store_lookup_site (store, hd_site_get_id (site));
    }
  return NULL;
}

static void
test_site_editor (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) other = hd_site_new ();
  g_autofree char *site_id = NULL;
  g_autofree char *old_name = NULL;
  GtkWidget *editor;
  gpointer watched = NULL;
  GtkWidget *dialog;
  GtkEditable *name_row, *coordinates_row;
  HdSite *site;
  double old_lat, old_lon;
  gboolean old_has_position;

  fixture->window = hd_test_show_window (app, fixture->store);
  site = find_site (fixture->store, FALSE);
  g_assert_nonnull (site);
  site_id = g_strdup (hd_site_get_id (site));
  old_name = g_strdup (hd_site_get_name (site));
  old_has_position = hd_site_get_has_position (site);
  old_lat = hd_site_get_latitude (site);
  old_lon = hd_site_get_longitude (site);

  editor = hd_window_edit_site (fixture->window, site_id);
  g_assert_true (HD_IS_SITE_EDITOR (editor));
  g_assert_true (wait_until (is_mapped, editor));
  g_assert_true (hd_site_editor_can_save (HD_SITE_EDITOR (editor)));
  name_row = editor_row (editor, HD_TYPE_SITE_EDITOR, "name_row");
  coordinates_row = editor_row (editor, HD_TYPE_SITE_EDITOR, "coordinates_row");
  g_assert_cmpstr (gtk_editable_get_text (name_row), ==, old_name);

  /* An empty name: Save disabled, with the reason, and the row marked. */
  gtk_editable_set_text (name_row, "   ");
  g_assert_false (hd_site_editor_can_save (HD_SITE_EDITOR (editor)));
  g_assert_nonnull (hd_site_editor_get_message (HD_SITE_EDITOR (editor)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
    editor, HD_TYPE_SITE_EDITOR, "save_button"))));
  g_assert_false (hd_site_editor_save (HD_SITE_EDITOR (editor)));

  gtk_editable_set_text (name_row, "测试示范点 改名");
  g_assert_true (hd_site_editor_can_save (HD_SITE_EDITOR (editor)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (name_row), "error"));

  /* A latitude out of range is an error; a position outside China only a warning. */
  gtk_editable_set_text (coordinates_row, "95, 119");
  g_assert_false (hd_site_editor_can_save (HD_SITE_EDITOR (editor)));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (coordinates_row), "error"));
  gtk_editable_set_text (coordinates_row, "119.30, 26.09");
  g_assert_false (hd_site_editor_can_save (HD_SITE_EDITOR (editor)));
  gtk_editable_set_text (coordinates_row, "48.85, 2.35");
  g_assert_true (hd_site_editor_can_save (HD_SITE_EDITOR (editor)));
  g_assert_cmpstr (hd_site_editor_get_message (HD_SITE_EDITOR (editor)), ==,
                   "Outside China — are latitude and longitude swapped?");
  gtk_editable_set_text (coordinates_row, "26.09, 119.30");
  g_assert_true (hd_site_editor_can_save (HD_SITE_EDITOR (editor)));
  g_assert_null (hd_site_editor_get_message (HD_SITE_EDITOR (editor)));

  /* Nothing reaches the store's object before Save. */
  g_assert_cmpstr (hd_site_get_name (site), ==, old_name);

  hd_test_keep_window_shot (editor, "site-editor.png");

  watch (editor, &watched);
  g_assert_true (hd_site_editor_save (HD_SITE_EDITOR (editor)));
  g_assert_true (wait_until (hd_test_is_gone, &watched));
  site = hd_store_lookup_site (fixture->store, site_id);
  g_assert_cmpstr (hd_site_get_name (site), ==, "测试示范点 改名");
  g_assert_true (hd_site_get_has_position (site));
  g_assert_cmpfloat_with_epsilon (hd_site_get_latitude (site), 26.09, 1e-9);
  g_assert_cmpfloat_with_epsilon (hd_site_get_longitude (site), 119.30, 1e-9);

  /* Undo puts the old values back. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  site = hd_store_lookup_site (fixture->store, site_id);
  g_assert_cmpstr (hd_site_get_name (site), ==, old_name);
  g_assert_cmpint (hd_site_get_has_position (site), ==, old_has_position);
  g_assert_cmpfloat (hd_site_get_latitude (site), ==, old_lat);
  g_assert_cmpfloat (hd_site_get_longitude (site), ==, old_lon);

  /* A conflict: the site changes through the store while the editor is open. */
  editor = hd_window_edit_site (fixture->window, site_id);
  g_assert_true (wait_until (is_mapped, editor));
  name_row = editor_row (editor, HD_TYPE_SITE_EDITOR, "name_row");
  gtk_editable_set_text (name_row, "编辑器里的名字");

  hd_site_copy_from (other, hd_store_lookup_site (fixture->store, site_id));
  hd_site_set_name (other, "别处改的名字");
  hd_site_set_members (other, 77);
  g_assert_true (hd_store_save_site (fixture->store, other, &error));
  g_assert_no_error (error);

  g_assert_false (hd_site_editor_save (HD_SITE_EDITOR (editor)));
  g_assert_cmpstr (hd_site_get_name (hd_store_lookup_site (fixture->store, site_id)), ==,
                   "别处改的名字");
  dialog = hd_site_editor_get_conflict_dialog (HD_SITE_EDITOR (editor));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (wait_until (is_mapped, dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reload");
  spin ();
  g_assert_null (hd_site_editor_get_conflict_dialog (HD_SITE_EDITOR (editor)));
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_cmpstr (gtk_editable_get_text (name_row), ==, "别处改的名字");
  g_assert_cmpstr (gtk_editable_get_text (editor_row (editor, HD_TYPE_SITE_EDITOR, "members_row")),
                   ==, "77");

  /* After Reload the edit goes through. */
  gtk_editable_set_text (name_row, "重新载入后的名字");
  g_assert_true (hd_site_editor_save (HD_SITE_EDITOR (editor)));
  g_assert_cmpstr (hd_site_get_name (hd_store_lookup_site (fixture->store, site_id)), ==,
                   "重新载入后的名字");

  /* Escape closes a new-site editor without saving anything. */
  {
    guint n_sites = g_list_model_get_n_items (hd_store_get_sites (fixture->store));

    editor = hd_window_edit_site (fixture->window, NULL);
    g_assert_true (wait_until (is_mapped, editor));
    g_assert_false (hd_site_editor_can_save (HD_SITE_EDITOR (editor)));
    gtk_editable_set_text (editor_row (editor, HD_TYPE_SITE_EDITOR, "name_row"), "不保存");
    watch (editor, &watched);
    gtk_widget_activate_action (editor, "window.close", NULL);
    g_assert_true (wait_until (hd_test_is_gone, &watched));
    g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (fixture->store)), ==, n_sites);
  }
}

static void
test_delete_site (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *plain_id = NULL;
  g_autofree char *inspected_id = NULL;
  GtkWidget *dialog;
  HdSite *site;
  guint n_sites;
  guint n;

  fixture->window = hd_test_show_window (app, fixture->store);
  n_sites = g_list_model_get_n_items (hd_store_get_sites (fixture->store));

  /* Without inspections: deleted at once; the toast's Undo (win.undo) brings it back. */
  site = find_site (fixture->store, FALSE);
  plain_id = g_strdup (hd_site_get_id (site));
  g_assert_null (hd_window_delete_site (fixture->window, plain_id));
  g_assert_null (hd_store_lookup_site (fixture->store, plain_id));
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (fixture->store)), ==, n_sites - 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_nonnull (hd_store_lookup_site (fixture->store, plain_id));
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (fixture->store)), ==, n_sites);

  /* With inspections: asked first; Cancel keeps it, Delete deletes them all, Undo restores. */
  site = find_site (fixture->store, TRUE);
  g_assert_nonnull (site);
  inspected_id = g_strdup (hd_site_get_id (site));
  n = n_inspections (fixture->store, inspected_id);
  dialog = hd_window_delete_site (fixture->window, inspected_id);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)),
                            hd_site_get_name (site)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_nonnull (hd_store_lookup_site (fixture->store, inspected_id));

  dialog = hd_window_delete_site (fixture->window, inspected_id);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  g_assert_null (hd_store_lookup_site (fixture->store, inspected_id));
  g_assert_cmpuint (n_inspections (fixture->store, inspected_id), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  g_assert_nonnull (hd_store_lookup_site (fixture->store, inspected_id));
  g_assert_cmpuint (n_inspections (fixture->store, inspected_id), ==, n);
  spin ();
}

static void
test_belt_editor (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) route = NULL;
  g_autofree char *belt_id = NULL;
  GListModel *sites = hd_store_get_sites (fixture->store);
  GListModel *belts = hd_store_get_belts (fixture->store);
  guint n_belts = g_list_model_get_n_items (belts);
  gpointer watched = NULL;
  GtkWidget *editor;
  char *first;

  fixture->window = hd_test_show_window (app, fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (sites), >=, 8);

  editor = hd_window_edit_belt (fixture->window, NULL);
  g_assert_true (HD_IS_BELT_EDITOR (editor));
  g_assert_true (wait_until (is_mapped, editor));
  g_assert_false (hd_belt_editor_can_save (HD_BELT_EDITOR (editor)));
  g_assert_cmpstr (hd_belt_editor_get_figures (HD_BELT_EDITOR (editor)), ==, "0 of 8 sites");

  gtk_editable_set_text (editor_row (editor, HD_TYPE_BELT_EDITOR, "name_row"), "测试党建示范带");
  gtk_editable_set_text (editor_row (editor, HD_TYPE_BELT_EDITOR, "year_row"), "20x");
  g_assert_false (hd_belt_editor_can_save (HD_BELT_EDITOR (editor)));
  gtk_editable_set_text (editor_row (editor, HD_TYPE_BELT_EDITOR, "year_row"), "2019");
  gtk_editable_set_text (editor_row (editor, HD_TYPE_BELT_EDITOR, "brand_row"), "红色引擎");
  g_assert_true (hd_belt_editor_can_save (HD_BELT_EDITOR (editor)));

  for (guint i = 0; i < 8; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      g_assert_true (hd_belt_editor_add_site (HD_BELT_EDITOR (editor), hd_site_get_id (site)));
      g_ptr_array_add (chosen, g_strdup (hd_site_get_id (site)));
    }
  /* Twice is refused. */
  g_assert_false (hd_belt_editor_add_site (HD_BELT_EDITOR (editor), g_ptr_array_index (chosen, 0)));
  g_assert_true (g_str_has_prefix (hd_belt_editor_get_figures (HD_BELT_EDITOR (editor)),
                                   "8 of 8 sites"));

  /* Move the first to the end, then the (new) last one up by one. */
  for (guint i = 0; i < 7; i++)
    g_assert_true (hd_belt_editor_move_site (HD_BELT_EDITOR (editor), i, +1));
  g_assert_false (hd_belt_editor_move_site (HD_BELT_EDITOR (editor), 7, +1));
  g_assert_false (hd_belt_editor_move_site (HD_BELT_EDITOR (editor), 0, -1));
  first = g_ptr_array_steal_index (chosen, 0);
  g_ptr_array_add (chosen, first);

  /* Remove one and put it back at the end: still 8. */
  g_assert_true (hd_belt_editor_remove_site (HD_BELT_EDITOR (editor), 2));
  g_assert_true (g_str_has_prefix (hd_belt_editor_get_figures (HD_BELT_EDITOR (editor)),
                                   "7 of 8 sites"));
  g_assert_true (hd_belt_editor_add_site (HD_BELT_EDITOR (editor), g_ptr_array_index (chosen, 2)));
  first = g_ptr_array_steal_index (chosen, 2);
  g_ptr_array_add (chosen, first);
  g_assert_true (g_str_has_prefix (hd_belt_editor_get_figures (HD_BELT_EDITOR (editor)),
                                   "8 of 8 sites"));
  g_ptr_array_add (chosen, NULL);

  hd_test_keep_window_shot (editor, "belt-editor.png");

  watch (editor, &watched);
  g_assert_true (hd_belt_editor_save (HD_BELT_EDITOR (editor)));
  g_assert_cmpuint (g_list_model_get_n_items (belts), ==, n_belts + 1);
  g_assert_true (wait_until (hd_test_is_gone, &watched));
  /* The newest belt is the one just made. */
  {
    g_autoptr(HdBelt) made = g_list_model_get_item (belts, n_belts);

    belt_id = g_strdup (hd_belt_get_id (made));
  }
  g_assert_nonnull (belt_id);
  g_assert_cmpstr (hd_belt_get_name (hd_store_lookup_belt (fixture->store, belt_id)), ==,
                   "测试党建示范带");
  g_assert_cmpint (hd_belt_get_start_year (hd_store_lookup_belt (fixture->store, belt_id)), ==, 2019);
  route = hd_store_dup_belt_route (fixture->store, belt_id);
  g_assert_cmpstrv (route, (const char * const *) chosen->pdata);

  /* Opening it again shows the stored route and "8 of 8". */
  editor = hd_window_edit_belt (fixture->window, belt_id);
  g_assert_true (g_str_has_prefix (hd_belt_editor_get_figures (HD_BELT_EDITOR (editor)),
                                   "8 of 8 sites"));
  gtk_widget_activate_action (editor, "window.close", NULL);
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add ("/ui-editors/site-editor", Fixture, NULL,
              fixture_set_up, test_site_editor, fixture_tear_down);
  g_test_add ("/ui-editors/delete-site", Fixture, NULL,
              fixture_set_up, test_delete_site, fixture_tear_down);
  g_test_add ("/ui-editors/belt-editor", Fixture, NULL,
              fixture_set_up, test_belt_editor, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
