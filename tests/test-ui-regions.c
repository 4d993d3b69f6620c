/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The region editor and the belt editor's route under Xvfb, through their widgets and actions:
 * rename a district and undo, move (its own subtree is not offered), delete with its contents
 * moved up and undo, boundaries imported onto the map; a belt built and saved as one undo step,
 * the searchable add-site list and reordering. */
#define G_LOG_DOMAIN "test-ui-regions"

#include <string.h>

#include "hd-application.h"
#include "hd-belt-editor.h"
#include "hd-map-view.h"
#include "hd-region-editor.h"
#include "hd-region-tree.h"
#include "hd-store-private.h"
#include "hd-window.h"
#include "hd-test-snapshot.h"
#include "hd-test-ui.h"

static HdApplication *app;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  hd_test_fixture_open (fixture, TRUE);
  fixture->window = hd_test_show_window (app, fixture->store);
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  hd_test_fixture_open (fixture, FALSE);
  fixture->window = hd_test_show_window (app, fixture->store);
}

/* (transfer full) (nullable): a region's id is owned by its object, which a delete frees. */
static char *
region_id_named (HdStore    *store,
                 const char *name)
{
  GListModel *regions = hd_store_get_regions (store);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);

      if (g_strcmp0 (hd_region_get_name (region), name) == 0)
        return g_strdup (hd_region_get_id (region));
    }
  return NULL;
}

/* The first widget of @type below @widget (depth first). */
static GtkWidget *
find_child (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row widget (the tree expander) showing region @id. */
static GtkWidget *
find_row (GtkWidget  *widget,
          const char *id)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "hd-region-id"), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Drops region @id on the row of region @on, through that row's own drop target. */
static gboolean
drop_region (HdRegionEditor *editor,
             const char     *id,
             const char     *on)
{
  GtkWidget *row = find_row (GTK_WIDGET (editor), on);
  g_autoptr(GListModel) controllers = NULL;
  gboolean dropped = FALSE;

  g_assert_nonnull (row);
  controllers = gtk_widget_observe_controllers (row);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          GValue value = G_VALUE_INIT;

          g_value_init (&value, G_TYPE_STRING);
          g_value_set_string (&value, id);
          g_signal_emit_by_name (controller, "drop", &value, 1.0, 1.0, &dropped);
          g_value_unset (&value);
          spin ();
          return dropped;
        }
    }
  g_assert_not_reached ();
}

static HdRegionEditor *
open_region_editor (Fixture *fixture)
{
  GtkWidget *editor;

  /* Through the window's menu action, as a user would. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-regions",
                                             NULL));
  spin ();
  editor = hd_window_edit_regions (fixture->window);
  g_assert_nonnull (editor);
  g_assert_true (wait_until (is_mapped, editor));
  return HD_REGION_EDITOR (editor);
}

static void
test_region_editor (Fixture       *fixture,
                    gconstpointer  data)
{
  HdRegionEditor *editor = open_region_editor (fixture);
  GListModel *regions = hd_store_get_regions (fixture->store);
  g_autofree char *gulou = region_id_named (fixture->store, "鼓楼区");
  g_autofree char *fuzhou = region_id_named (fixture->store, "福州市");
  g_autofree char *before = hd_test_snapshot (hd_store_get_db (fixture->store));
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) totals = hd_store_collect_region_totals (fixture->store);
  HdRegionTotals *gulou_totals = g_hash_table_lookup (totals, gulou);
  HdRegionContents contents;
  GtkWidget *dialog;
  GtkWidget *row;
  g_autoptr(GError) error = NULL;
  guint n_regions = g_list_model_get_n_items (regions);
  gpointer watched;

  g_assert_nonnull (gulou);
  g_assert_nonnull (fuzhou);
  /* Every region has a row (the tree opens expanded). */
  g_assert_cmpuint (hd_region_editor_get_n_rows (editor), ==, n_regions);

  /* The row shows the counts of belts and sites, sub-regions included. */
  text = hd_region_editor_dup_row_text (editor, gulou);
  {
    g_autofree char *sites = g_strdup_printf ("%u sites", gulou_totals->sites);

    g_assert_cmpuint (gulou_totals->sites, >, 0);
    g_assert_nonnull (strstr (text, "鼓楼区"));
    g_assert_nonnull (strstr (text, sites));
  }
  g_clear_pointer (&text, g_free);
  g_assert_true (hd_region_editor_select (editor, gulou));
  hd_test_keep_window_shot (GTK_WIDGET (editor), "region-editor.png");

  /* Rename through the edit dialog (F2 / Edit…). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.edit", NULL));
  dialog = hd_region_editor_get_dialog (editor);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (wait_until (is_mapped, dialog));
  row = find_child (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "鼓楼区");
  /* Another action while it is open brings the same dialog back rather than a second one. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "region.move", NULL);
  g_assert_true (hd_region_editor_get_dialog (editor) == dialog);
  /* A blank name cannot be saved. */
  gtk_editable_set_text (GTK_EDITABLE (row), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gtk_editable_set_text (GTK_EDITABLE (row), "鼓楼区（新）");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  hd_test_keep_window_shot (dialog, "region-edit-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  spin ();
  g_assert_null (hd_region_editor_get_dialog (editor));
  g_assert_cmpstr (hd_region_get_name (hd_store_lookup_region (fixture->store, gulou)), ==,
                   "鼓楼区（新）");
  text = hd_region_editor_dup_row_text (editor, gulou);
  g_assert_true (g_str_has_prefix (text, "鼓楼区（新）"));
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (hd_region_editor_get_selected_id (editor), ==, gulou);

  /* Ctrl+Z in the editor: one undo step restores the name, and the file is as before. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.undo", NULL));
  spin ();
  g_assert_cmpstr (hd_region_get_name (hd_store_lookup_region (fixture->store, gulou)), ==,
                   "鼓楼区");
  {
    g_autofree char *after = hd_test_snapshot (hd_store_get_db (fixture->store));

    g_assert_cmpstr (after, ==, before);
  }

  /* Move: the picker does not offer the city's own subtree when moving the city. */
  g_assert_true (hd_region_editor_select (editor, fuzhou));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.move", NULL));
  dialog = hd_region_editor_get_dialog (editor);
  g_assert_nonnull (dialog);
  row = find_child (dialog, ADW_TYPE_COMBO_ROW);
  g_assert_nonnull (row);
  {
    GListModel *choices = adw_combo_row_get_model (ADW_COMBO_ROW (row));
    guint in_subtree = 0;

    for (guint i = 0; i < n_regions; i++)
      {
        g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);

        in_subtree += hd_store_region_is_within (fixture->store, hd_region_get_id (region), fuzhou);
      }
    g_assert_cmpuint (in_subtree, >, 1);
    /* "None" plus every region outside the subtree. */
    g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 1 + n_regions - in_subtree);
    for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
      {
        const char *label = gtk_string_list_get_string (GTK_STRING_LIST (choices), i);

        g_assert_null (strstr (label, "福州市"));
      }
  }
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  spin ();

  /* Move the district to the top level through the picker, then undo. */
  g_assert_true (hd_region_editor_select (editor, gulou));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.move", NULL));
  dialog = hd_region_editor_get_dialog (editor);
  row = find_child (dialog, ADW_TYPE_COMBO_ROW);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (ADW_COMBO_ROW (row))),
                                               adw_combo_row_get_selected (ADW_COMBO_ROW (row))),
                   ==, "福州市");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "move");
  spin ();
  g_assert_null (hd_region_get_parent_id (hd_store_lookup_region (fixture->store, gulou)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.undo", NULL));
  spin ();
  g_assert_cmpstr (hd_region_get_parent_id (hd_store_lookup_region (fixture->store, gulou)), ==,
                   fuzhou);

  /* Dragging the district onto the other city's row moves it there; Undo puts it back. */
  {
    g_autofree char *zhuhai = region_id_named (fixture->store, "珠海市");

    g_assert_true (drop_region (editor, gulou, zhuhai));
    g_assert_cmpstr (hd_region_get_parent_id (hd_store_lookup_region (fixture->store, gulou)), ==,
                     zhuhai);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.undo", NULL));
    spin ();
    g_assert_cmpstr (hd_region_get_parent_id (hd_store_lookup_region (fixture->store, gulou)), ==,
                     fuzhou);
    /* The city dropped on its own district is refused (with a dialog) and nothing moves. */
    g_assert_false (drop_region (editor, fuzhou, gulou));
    g_assert_null (hd_region_get_parent_id (hd_store_lookup_region (fixture->store, fuzhou)));
  }

  /* Delete the district: it has belts and sites, so a dialog says where they go. */
  g_assert_true (hd_store_count_region_contents (fixture->store, gulou, &contents, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (contents.belts + contents.sites, >, 0);
  g_assert_true (hd_region_editor_select (editor, gulou));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.delete", NULL));
  dialog = hd_region_editor_get_dialog (editor);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "福州市"));
  hd_test_keep_window_shot (dialog, "region-delete-dialog.png");
  /* Cancel keeps everything. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  spin ();
  g_assert_nonnull (hd_store_lookup_region (fixture->store, gulou));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.delete", NULL));
  dialog = hd_region_editor_get_dialog (editor);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  spin ();
  g_assert_null (hd_store_lookup_region (fixture->store, gulou));
  g_assert_cmpuint (hd_region_editor_get_n_rows (editor), ==, n_regions - 1);
  g_assert_true (hd_store_count_region_contents (fixture->store, fuzhou, &contents, &error));
  g_assert_cmpuint (contents.belts + contents.sites, >, 0);
  /* One undo brings the district and everything in it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.undo", NULL));
  spin ();
  g_assert_nonnull (hd_store_lookup_region (fixture->store, gulou));
  g_assert_cmpuint (hd_region_editor_get_n_rows (editor), ==, n_regions);
  {
    g_autofree char *after = hd_test_snapshot (hd_store_get_db (fixture->store));

    g_assert_cmpstr (after, ==, before);
  }

  /* Add a town below the district; its level defaults to one below. */
  g_assert_true (hd_region_editor_select (editor, gulou));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.new-child", NULL));
  dialog = hd_region_editor_get_dialog (editor);
  row = find_child (dialog, ADW_TYPE_ENTRY_ROW);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gtk_editable_set_text (GTK_EDITABLE (row), "鼓东街道");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  spin ();
  {
    g_autofree char *town = region_id_named (fixture->store, "鼓东街道");
    g_autofree char *gone = NULL;

    g_assert_nonnull (town);
    g_assert_cmpstr (hd_region_get_parent_id (hd_store_lookup_region (fixture->store, town)), ==,
                     gulou);
    g_assert_cmpint (hd_region_get_level (hd_store_lookup_region (fixture->store, town)), ==,
                     HD_REGION_LEVEL_TOWN);
    g_assert_cmpstr (hd_region_editor_get_selected_id (editor), ==, town);
    /* An empty region goes at once, with an Undo toast. */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.delete", NULL));
    spin ();
    g_assert_null (hd_region_editor_get_dialog (editor));
    gone = region_id_named (fixture->store, "鼓东街道");
    g_assert_null (gone);
  }

  watched = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &watched);
  gtk_widget_activate_action (GTK_WIDGET (editor), "window.close", NULL);
  g_assert_true (wait_until (hd_test_is_gone, &watched));
}

static void
test_boundaries (Fixture       *fixture,
                 gconstpointer  data)
{
  HdRegionEditor *editor = open_region_editor (fixture);
  g_autofree char *fixture_path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                         "boundaries.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture_path);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "bad.geojson", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autofree char *before = hd_test_snapshot (hd_store_get_db (fixture->store));
  GtkWidget *map = hd_window_get_map_view (fixture->window);
  ShumateMapLayer *layer;
  g_autofree char *source_before = NULL;
  g_autofree char *gulou = region_id_named (fixture->store, "鼓楼区");
  g_autofree char *old_geometry = g_strdup (hd_region_get_geometry (hd_store_lookup_region (fixture->store, gulou)));
  guint n_rows = hd_region_editor_get_n_rows (editor);
  g_autofree char *town = NULL;

  g_assert_nonnull (map);
  layer = SHUMATE_MAP_LAYER (find_child (map, SHUMATE_TYPE_MAP_LAYER));
  g_assert_nonnull (layer);
  {
    g_autoptr(ShumateMapSource) source = NULL;

    g_object_get (layer, "map-source", &source, NULL);
    source_before = g_strdup (shumate_map_source_get_id (source));
  }

  /* A bad file changes nothing. */
  g_assert_true (g_file_set_contents (bad_path, "{\"type\": \"FeatureCollection\", \"features\":"
                                      " [{\"type\": \"Feature\", \"properties\": {\"name\": \"x\"},"
                                      " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}]}",
                                      -1, NULL));
  g_assert_false (hd_region_editor_import_file (editor, bad));
  {
    g_autofree char *after = hd_test_snapshot (hd_store_get_db (fixture->store));

    g_assert_cmpstr (after, ==, before);
  }

  g_assert_true (hd_region_editor_import_file (editor, file));
  spin ();
  /* The district's outline is the file's; the unknown town was made below it. */
  g_assert_cmpstr (hd_region_get_geometry (hd_store_lookup_region (fixture->store, gulou)), !=,
                   old_geometry);
  town = region_id_named (fixture->store, "东街街道");
  g_assert_nonnull (town);
  g_assert_cmpstr (hd_region_get_parent_id (hd_store_lookup_region (fixture->store, town)), ==,
                   gulou);
  g_assert_cmpuint (hd_region_editor_get_n_rows (editor), ==, n_rows + 1);
  g_assert_cmpstr (hd_region_editor_get_selected_id (editor), ==, gulou);

  /* The base map draws the new outlines: its source (the tile cache key) changed. */
  {
    g_autoptr(ShumateMapSource) source = NULL;

    layer = SHUMATE_MAP_LAYER (find_child (map, SHUMATE_TYPE_MAP_LAYER));
    g_object_get (layer, "map-source", &source, NULL);
    g_assert_cmpstr (shumate_map_source_get_id (source), !=, source_before);
  }
  hd_test_keep_window_shot (GTK_WIDGET (fixture->window), "boundaries-map.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.undo", NULL));
  spin ();
  {
    g_autofree char *after = hd_test_snapshot (hd_store_get_db (fixture->store));

    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_belt_one_undo_step (Fixture       *fixture,
                         gconstpointer  data)
{
  GListModel *sites = hd_store_get_sites (fixture->store);
  GListModel *belts = hd_store_get_belts (fixture->store);
  guint n_belts = g_list_model_get_n_items (belts);
  g_autofree char *before = hd_test_snapshot (hd_store_get_db (fixture->store));
  GtkWidget *editor;
  GtkWidget *name_row;
  GtkListView *add_list;
  GtkEditable *search;
  GtkMenuButton *add_button;
  GListModel *candidates;
  g_autoptr(HdSite) wanted = NULL;
  g_autofree char *needle = NULL;
  g_auto(GStrv) route = NULL;
  gpointer watched;
  g_autoptr(HdBelt) existing = NULL;
  g_auto(GStrv) old_route = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *before_edit = NULL;
  g_autoptr(GError) error = NULL;

  /* Build a new belt from nothing. */
  editor = hd_window_edit_belt (fixture->window, NULL);
  g_assert_true (wait_until (is_mapped, editor));
  name_row = GTK_WIDGET (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR, "name_row"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "测试党建示范带");

  /* The add-site popover: a list view filtered by what is typed. */
  add_button = GTK_MENU_BUTTON (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR,
                                                               "add_button"));
  add_list = GTK_LIST_VIEW (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR,
                                                           "add_list"));
  search = GTK_EDITABLE (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR,
                                                        "add_search"));
  gtk_menu_button_popup (add_button);
  spin ();
  candidates = G_LIST_MODEL (gtk_list_view_get_model (add_list));
  g_assert_nonnull (candidates);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==, g_list_model_get_n_items (sites));

  /* Part of one site's name finds it. */
  wanted = g_list_model_get_item (sites, g_list_model_get_n_items (sites) - 1);
  needle = g_utf8_substring (hd_site_get_name (wanted), 1, 3);
  gtk_editable_set_text (search, needle);
  g_signal_emit_by_name (search, "search-changed");
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (candidates), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (candidates), <, g_list_model_get_n_items (sites));
  for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (candidates, i);

      g_assert_nonnull (strstr (hd_site_get_name (site), needle));
    }
  hd_test_keep_window_shot (GTK_WIDGET (gtk_menu_button_get_popover (add_button)), "add-site-popover.png");
  /* Enter in the search adds the first match. */
  {
    g_autoptr(HdSite) first = g_list_model_get_item (candidates, 0);
    g_autofree char *first_id = g_strdup (hd_site_get_id (first));

    g_signal_emit_by_name (search, "activate");
    spin ();
    route = hd_belt_editor_dup_route (HD_BELT_EDITOR (editor));
    g_assert_cmpuint (g_strv_length (route), ==, 1);
    g_assert_cmpstr (route[0], ==, first_id);
    g_clear_pointer (&route, g_strfreev);
  }
  /* Sites on the route are not offered again; activating a row adds it. */
  gtk_menu_button_popup (add_button);
  gtk_editable_set_text (search, "");
  g_signal_emit_by_name (search, "search-changed");
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (candidates), ==,
                    g_list_model_get_n_items (sites) - 1);
  for (guint k = 0; k < 3; k++)
    {
      g_signal_emit_by_name (add_list, "activate", 0);
      spin ();
    }
  route = hd_belt_editor_dup_route (HD_BELT_EDITOR (editor));
  g_assert_cmpuint (g_strv_length (route), ==, 4);
  g_clear_pointer (&route, g_strfreev);

  /* Reorder as a drop does: the last to the front. */
  {
    g_auto(GStrv) was = hd_belt_editor_dup_route (HD_BELT_EDITOR (editor));

    g_assert_true (hd_belt_editor_move_site_to (HD_BELT_EDITOR (editor), 3, 0));
    g_assert_false (hd_belt_editor_move_site_to (HD_BELT_EDITOR (editor), 0, 4));
    route = hd_belt_editor_dup_route (HD_BELT_EDITOR (editor));
    g_assert_cmpstr (route[0], ==, was[3]);
    g_assert_cmpstr (route[1], ==, was[0]);
    g_assert_cmpstr (route[3], ==, was[2]);
  }
  hd_test_keep_window_shot (editor, "belt-editor-route.png");

  watched = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &watched);
  g_assert_true (hd_belt_editor_save (HD_BELT_EDITOR (editor)));
  g_assert_true (wait_until (hd_test_is_gone, &watched));
  g_assert_cmpuint (g_list_model_get_n_items (belts), ==, n_belts + 1);
  {
    g_autoptr(HdBelt) made = g_list_model_get_item (belts, n_belts);
    g_auto(GStrv) stored = hd_store_dup_belt_route (fixture->store, hd_belt_get_id (made));

    g_assert_cmpstrv (stored, route);
  }

  /* One Undo takes back the belt and its route: the file is as before. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL));
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (belts), ==, n_belts);
  {
    g_autofree char *after = hd_test_snapshot (hd_store_get_db (fixture->store));

    g_assert_cmpstr (after, ==, before);
  }

  /* Editing an existing belt: new name and new order, one Save, one Undo. */
  existing = g_list_model_get_item (belts, 0);
  old_name = g_strdup (hd_belt_get_name (existing));
  old_route = hd_store_dup_belt_route (fixture->store, hd_belt_get_id (existing));
  g_assert_cmpuint (g_strv_length (old_route), >=, 2);
  before_edit = hd_test_snapshot (hd_store_get_db (fixture->store));
  editor = hd_window_edit_belt (fixture->window, hd_belt_get_id (existing));
  name_row = GTK_WIDGET (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR, "name_row"));
  gtk_editable_set_text (GTK_EDITABLE (name_row), "改名的示范带");
  g_assert_true (hd_belt_editor_move_site (HD_BELT_EDITOR (editor), 0, +1));
  g_assert_true (hd_belt_editor_save (HD_BELT_EDITOR (editor)));
  spin ();
  g_assert_cmpstr (hd_belt_get_name (existing), ==, "改名的示范带");
  hd_store_undo (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_belt_get_name (existing), ==, old_name);
  {
    g_auto(GStrv) now = hd_store_dup_belt_route (fixture->store, hd_belt_get_id (existing));
    g_autofree char *after = hd_test_snapshot (hd_store_get_db (fixture->store));

    g_assert_cmpstrv (now, old_route);
    g_assert_cmpstr (after, ==, before_edit);
  }
}

static void
test_region_choices (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *editor = hd_window_edit_belt (fixture->window, NULL);
  AdwComboRow *row = ADW_COMBO_ROW (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR,
                                                                   "region_row"));
  GListModel *choices = adw_combo_row_get_model (row);
  gboolean found = FALSE;

  /* "None" and then each region with its path. */
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==,
                    1 + g_list_model_get_n_items (hd_store_get_regions (fixture->store)));
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    found |= g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (choices), i),
                        "福州市 › 鼓楼区") == 0;
  g_assert_true (found);
  gtk_widget_activate_action (editor, "window.close", NULL);
  spin ();
}

/* A new workspace: the editor says there are no regions and offers to add one; the first one
 * is a top-level city, and Undo empties it again. */
static void
test_empty_workspace (Fixture       *fixture,
                      gconstpointer  data)
{
  HdRegionEditor *editor = open_region_editor (fixture);
  GtkWidget *stack = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                HD_TYPE_REGION_EDITOR, "stack"));
  GtkWidget *dialog;
  GtkWidget *row;

  g_assert_cmpuint (hd_region_editor_get_n_rows (editor), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  /* Nothing is selected: nothing to edit, move or delete, and no sub-region to add. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "region.edit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "region.new-child", NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "region.delete", NULL);
  g_assert_null (hd_region_editor_get_dialog (editor));
  hd_test_keep_window_shot (GTK_WIDGET (editor), "region-editor-empty.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.new-top", NULL));
  dialog = hd_region_editor_get_dialog (editor);
  g_assert_nonnull (dialog);
  row = find_child (dialog, ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (row), "福州市");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  spin ();
  g_assert_cmpuint (hd_region_editor_get_n_rows (editor), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "tree");
  {
    g_autoptr(HdRegion) city = g_list_model_get_item (hd_store_get_regions (fixture->store), 0);

    g_assert_cmpint (hd_region_get_level (city), ==, HD_REGION_LEVEL_CITY);
    g_assert_null (hd_region_get_parent_id (city));
    g_assert_cmpstr (hd_region_editor_get_selected_id (editor), ==, hd_region_get_id (city));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "region.undo", NULL));
  spin ();
  g_assert_cmpuint (hd_region_editor_get_n_rows (editor), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
}

/* The shortcuts window (Ctrl+?) lists the editors' and the region editor's keys, and every
 * section fits on one page: a paged section made GTK warn "GtkLabel reported min width -3",
 * which a test run turns into a failure. */
static void
test_shortcuts_window (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const sections[] = { "inspections", "shortcuts" };
  GtkShortcutsWindow *overlay;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *stack;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window),
                                             "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fixture->window));
  g_assert_nonnull (overlay);
  g_assert_true (wait_until (is_mapped, overlay));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_object_set (overlay, "section-name", sections[i], NULL);
      for (int k = 0; k < 10; k++)
        {
          g_usleep (5000);
          spin ();
        }
    }
  hd_test_keep_window_shot (GTK_WIDGET (overlay), "shortcuts.png");

  /* No section is paged: no page switcher is shown anywhere. */
  stack = find_child (GTK_WIDGET (overlay), GTK_TYPE_STACK_SWITCHER);
  for (; stack != NULL; stack = NULL)
    g_assert_false (gtk_widget_is_visible (stack) && gtk_widget_get_mapped (stack));

  /* The new entries are there. */
  {
    g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/hongdai/Hongdai/gtk/help-overlay.ui");
    GSList *objects = gtk_builder_get_objects (builder);
    gboolean f2 = FALSE, alt_up = FALSE;

    for (GSList *l = objects; l != NULL; l = l->next)
      if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        {
          g_autofree char *accel = NULL;

          g_object_get (l->data, "accelerator", &accel, NULL);
          f2 |= g_strcmp0 (accel, "F2") == 0;
          alt_up |= accel != NULL && strstr (accel, "<Alt>Up") != NULL;
        }
    g_slist_free (objects);
    g_assert_true (f2);
    g_assert_true (alt_up);
  }
  gtk_window_close (GTK_WINDOW (overlay));
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add ("/ui-regions/region-editor", Fixture, NULL,
              fixture_set_up, test_region_editor, fixture_tear_down);
  g_test_add ("/ui-regions/boundaries", Fixture, NULL,
              fixture_set_up, test_boundaries, fixture_tear_down);
  g_test_add ("/ui-regions/belt-one-undo-step", Fixture, NULL,
              fixture_set_up, test_belt_one_undo_step, fixture_tear_down);
  g_test_add ("/ui-regions/region-choices", Fixture, NULL,
              fixture_set_up, test_region_choices, fixture_tear_down);

  g_test_add ("/ui-regions/empty-workspace", Fixture, NULL,
              fixture_set_up_empty, test_empty_workspace, fixture_tear_down);
  g_test_add ("/ui-regions/shortcuts-window", Fixture, NULL,
              fixture_set_up, test_shortcuts_window, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
