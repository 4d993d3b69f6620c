/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The site and belt tables under Xvfb: on the sample in the window (Ctrl+T, sorting by each kind
 * of column, filters, bulk assign / delete with undo, the empty state, Enter to edit), and 10k
 * generated sites found by typing part of a name. */
#define G_LOG_DOMAIN "test-ui-tables"

#include <string.h>

#include "hd-application.h"
#include "hd-belt-table.h"
#include "hd-site-editor.h"
#include "hd-site-table.h"
#include "hd-store-lists.h"
#include "hd-test-sites.h"
#include "hd-test-ui.h"

static HdApplication *app;

static void
fixture_set_up_sample (Fixture       *fixture,
                       gconstpointer  data)
{
  hd_test_fixture_open (fixture, TRUE);
}

static void
fixture_set_up_empty (Fixture       *fixture,
                      gconstpointer  data)
{
  hd_test_fixture_open (fixture, FALSE);
}

static void
on_shot_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (hd_window_screenshot_finish (HD_WINDOW (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* With HONGDAI_TEST_SHOTS=DIR set, a picture of the window is left there (to look at). */
static void
keep_shot (Fixture    *fixture,
           const char *name)
{
  const char *dir = g_getenv ("HONGDAI_TEST_SHOTS");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean done = FALSE;

  if (dir == NULL || *dir == '\0')
    return;
  path = g_build_filename (dir, name, NULL);
  file = g_file_new_for_path (path);
  hd_window_screenshot_async (fixture->window, file, NULL, on_shot_done, &done);
  g_assert_true (wait_until (is_true, &done));
}

static HdSite *
shown_site (HdRecordTable *table,
            guint          position)
{
  g_autoptr(HdSite) site = g_list_model_get_item (hd_record_table_get_shown (table), position);

  g_assert_nonnull (site);
  /* The store's model keeps it alive. */
  return site;
}

static int
light_rank (HdLight light)
{
  return light == HD_LIGHT_RED ? 0 : light == HD_LIGHT_YELLOW ? 1 : light == HD_LIGHT_GREEN ? 2 : 3;
}

/* The region @root_id and every region inside it. */
static gboolean
region_is_inside (HdStore    *store,
                  const char *region_id,
                  const char *root_id)
{
  for (guint depth = 0; region_id != NULL && depth < 16; depth++)
    {
      HdRegion *region = hd_store_lookup_region (store, region_id);

      if (g_strcmp0 (region_id, root_id) == 0)
        return TRUE;
      region_id = region ? hd_region_get_parent_id (region) : NULL;
    }
  return FALSE;
}

/* A region with a sub-region that has sites: what the region filter must widen to. */
static const char *
find_parent_region (HdStore *store)
{
  GListModel *regions = hd_store_get_regions (store);

  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(HdRegion) region = g_list_model_get_item (regions, i);
      HdRegion *parent = hd_region_get_parent_id (region)
                           ? hd_store_lookup_region (store, hd_region_get_parent_id (region))
                           : NULL;

      if (parent != NULL)
        return hd_region_get_id (parent);
    }
  return NULL;
}

static void
test_sorting (Fixture       *fixture,
              HdRecordTable *site_table)
{
  HdRecordTable *table = site_table;
  GListModel *shown = hd_record_table_get_shown (table);
  HdLights *lights = hd_record_table_get_lights (table);
  guint n = g_list_model_get_n_items (shown);
  guint seen_dates = 0, seen_never = 0;

  g_assert_cmpuint (n, >, 3);

  /* Name, descending: by collation, as the user's locale orders Chinese. */
  hd_record_table_sort_by (table, hd_record_table_get_column (site_table, "name"),
                           GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = g_utf8_collate_key (hd_site_get_name (shown_site (table, i - 1)), -1);
      g_autofree char *b = g_utf8_collate_key (hd_site_get_name (shown_site (table, i)), -1);

      g_assert_cmpint (strcmp (a, b), >=, 0);
    }

  /* Light: red first, never inspected last. */
  hd_record_table_sort_by (table, hd_record_table_get_column (site_table, "light"),
                           GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (light_rank (hd_lights_get (lights, HD_SUBJECT_SITE,
                                                hd_site_get_id (shown_site (table, i - 1)))),
                     <=,
                     light_rank (hd_lights_get (lights, HD_SUBJECT_SITE,
                                                hd_site_get_id (shown_site (table, i)))));

  /* Members: numerically (9 before 10), no count last. */
  hd_record_table_sort_by (table, hd_record_table_get_column (site_table, "members"),
                           GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    {
      int a = hd_site_get_members (shown_site (table, i - 1));
      int b = hd_site_get_members (shown_site (table, i));

      g_assert_true (b <= 0 || (a > 0 && a <= b));
    }

  /* Last inspected: oldest first, never inspected last; the dates agree with the store. */
  hd_record_table_sort_by (table, hd_record_table_get_column (site_table, "last-inspected"),
                           GTK_SORT_ASCENDING);
  for (guint i = 0; i < n; i++)
    {
      const char *date = hd_record_table_get_last_inspected (table,
                                                             hd_site_get_id (shown_site (table, i)));

      if (date == NULL)
        seen_never++;
      else
        {
          g_assert_cmpuint (seen_never, ==, 0);
          seen_dates++;
          if (i > 0)
            g_assert_cmpstr (hd_record_table_get_last_inspected (table,
                               hd_site_get_id (shown_site (table, i - 1))), <=, date);
        }
    }
  g_assert_cmpuint (seen_dates, >, 0);

  hd_record_table_sort_by (table, hd_record_table_get_column (site_table, "name"),
                           GTK_SORT_ASCENDING);
}

static void
test_filters (Fixture     *fixture,
              HdRecordTable *site_table)
{
  HdRecordTable *table = site_table;
  GListModel *sites = hd_store_get_sites (fixture->store);
  guint n_sites = g_list_model_get_n_items (sites);
  GtkDropDown *kind = hd_record_table_get_filter (table, 0);
  GtkDropDown *region = hd_record_table_get_filter (table, 2);
  GListModel *region_labels = gtk_drop_down_get_model (region);
  const char *parent_id = find_parent_region (fixture->store);
  HdRegion *parent = hd_store_lookup_region (fixture->store, parent_id);
  guint expected = 0, position = G_MAXUINT;

  g_assert_nonnull (parent);
  /* Kind: the service centers only. */
  for (guint i = 0; i < n_sites; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      expected += hd_site_get_kind (site) == HD_SITE_KIND_SERVICE_CENTER;
    }
  gtk_drop_down_set_selected (kind, 1 + HD_SITE_KIND_SERVICE_CENTER);
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, expected);
  gtk_drop_down_set_selected (kind, 0);
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, n_sites);

  /* Region: a region with sub-regions shows their sites too. */
  expected = 0;
  for (guint i = 0; i < n_sites; i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      expected += region_is_inside (fixture->store, hd_site_get_region_id (site), parent_id);
    }
  g_assert_cmpuint (expected, >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (region_labels); i++)
    {
      g_autoptr(GtkStringObject) label = g_list_model_get_item (region_labels, i);
      g_autofree char *stripped = g_strstrip (g_strdup (gtk_string_object_get_string (label)));

      if (g_str_equal (stripped, hd_region_get_name (parent)))
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  gtk_drop_down_set_selected (region, position);
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, expected);

  /* Nothing matches: the empty state; clearing brings every site back. */
  hd_record_table_set_search_text (table, "没有这样的示范点 xyz");
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, 0);
  g_assert_cmpstr (hd_record_table_get_state (table), ==, "empty");
  keep_shot (fixture, "tables-empty.png");
  hd_record_table_clear_filters (table);
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, n_sites);
  g_assert_cmpstr (hd_record_table_get_state (table), ==, "table");
  g_assert_cmpuint (gtk_drop_down_get_selected (region), ==, 0);
}

static void
test_bulk (Fixture     *fixture,
           HdRecordTable *site_table)
{
  g_autoptr(GError) error = NULL;
  HdRecordTable *table = site_table;
  GtkSelectionModel *selection = hd_record_table_get_selection (table);
  GListModel *sites = hd_store_get_sites (fixture->store);
  guint n_sites = g_list_model_get_n_items (sites);
  const char *region_id = find_parent_region (fixture->store);
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) before = NULL;
  g_autofree char *label = NULL;
  GtkWidget *dialog;

  /* Three rows, assigned a region at once. */
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  keep_shot (fixture, "tables-selection.png");
  ids = hd_record_table_dup_selected_ids (table);
  g_assert_cmpuint (g_strv_length (ids), ==, 3);
  before = g_new0 (char *, 4);
  for (guint i = 0; i < 3; i++)
    before[i] = g_strdup (hd_site_get_region_id (hd_store_lookup_site (fixture->store, ids[i])));
  g_assert_null (hd_record_table_assign_region (table, region_id));
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (hd_site_get_region_id (hd_store_lookup_site (fixture->store, ids[i])), ==,
                     region_id);
  label = g_strdup_printf ("Assign “%s” to 3 sites",
                           hd_region_get_name (hd_store_lookup_region (fixture->store, region_id)));
  g_assert_cmpstr (hd_store_get_undo_label (fixture->store), ==, label);
  g_assert_true (hd_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (hd_site_get_region_id (hd_store_lookup_site (fixture->store, ids[i])), ==,
                     before[i]);

  /* Through the dialog: "No region" is the first choice. */
  dialog = hd_record_table_assign_region (table, NULL);
  g_assert_nonnull (dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))), 0);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "assign");
  spin ();
  for (guint i = 0; i < 3; i++)
    g_assert_null (hd_site_get_region_id (hd_store_lookup_site (fixture->store, ids[i])));
  g_assert_true (hd_store_undo (fixture->store, &error));
  g_assert_no_error (error);

  /* Add to belt: the selected sites not on it yet go to the end of its route, in the order
   * shown; one undo takes them off again. */
  {
    g_autoptr(HdBelt) belt = g_list_model_get_item (hd_store_get_belts (fixture->store), 0);
    g_auto(GStrv) before_route = hd_store_dup_belt_route (fixture->store, hd_belt_get_id (belt));
    g_auto(GStrv) after_route = NULL;
    g_autoptr(GStrvBuilder) expected = g_strv_builder_new ();
    g_auto(GStrv) expected_route = NULL;

    gtk_selection_model_unselect_all (selection);
    gtk_selection_model_select_range (selection, 0, 4, TRUE);
    g_strv_builder_addv (expected, (const char **) before_route);
    {
      g_auto(GStrv) chosen = hd_record_table_dup_selected_ids (table);

      for (guint i = 0; chosen[i] != NULL; i++)
        if (!g_strv_contains ((const char * const *) before_route, chosen[i]))
          g_strv_builder_add (expected, chosen[i]);
    }
    expected_route = g_strv_builder_end (expected);
    g_assert_cmpuint (g_strv_length (expected_route), >, g_strv_length (before_route));
    g_assert_null (hd_site_table_add_to_belt (table, hd_belt_get_id (belt)));
    after_route = hd_store_dup_belt_route (fixture->store, hd_belt_get_id (belt));
    g_assert_cmpstrv (after_route, expected_route);
    g_assert_true (hd_store_undo (fixture->store, &error));
    g_assert_no_error (error);
    g_strfreev (after_route);
    after_route = hd_store_dup_belt_route (fixture->store, hd_belt_get_id (belt));
    g_assert_cmpstrv (after_route, before_route);
  }

  /* Delete: sites with inspections ask first; one undo brings all of them back. */
  gtk_selection_model_select_all (selection);
  {
    g_auto(GStrv) all = hd_record_table_dup_selected_ids (table);

    g_assert_cmpint (hd_store_count_inspections_of (fixture->store, (const char * const *) all,
                                                    NULL), >, 0);
  }
  dialog = hd_record_table_delete_selected (table);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  spin ();
  g_assert_cmpuint (g_list_model_get_n_items (sites), ==, 0);
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, 0);
  g_assert_cmpstr (hd_record_table_get_state (table), ==, "empty");
  g_assert_true (hd_store_undo (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (sites), ==, n_sites);
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, n_sites);
}

static gboolean
has_site_editor (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (HD_IS_SITE_EDITOR (window))
        {
          if (data != NULL)
            gtk_window_destroy (GTK_WINDOW (window));
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_in_window (Fixture       *fixture,
                gconstpointer  data)
{
  HdRecordTable *site_table;
  HdRecordTable *belt_table;
  HdRecordTable *table;
  guint n_belts;

  fixture->window = hd_test_show_window (app, fixture->store);
  hd_window_set_page (fixture->window, "sites");
  g_assert_cmpstr (hd_window_get_content (fixture->window), ==, "map");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-table", NULL);
  g_assert_cmpstr (hd_window_get_content (fixture->window), ==, "table");
  site_table = HD_RECORD_TABLE (hd_window_get_site_table (fixture->window));
  g_assert_true (wait_until (is_mapped, site_table));
  table = site_table;
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==,
                    g_list_model_get_n_items (hd_store_get_sites (fixture->store)));
  spin ();

  test_sorting (fixture, site_table);
  test_filters (fixture, site_table);
  test_bulk (fixture, site_table);

  /* Enter on a row edits it. */
  g_signal_emit_by_name (hd_record_table_get_column_view (table), "activate", 0);
  g_assert_true (wait_until (has_site_editor, NULL));
  has_site_editor (GINT_TO_POINTER (TRUE));

  /* The belts page shows the belts' table; sorted by their site counts. */
  hd_window_set_page (fixture->window, "belts");
  belt_table = HD_RECORD_TABLE (hd_window_get_belt_table (fixture->window));
  spin ();
  g_assert_true (wait_until (is_mapped, belt_table));
  table = belt_table;
  n_belts = g_list_model_get_n_items (hd_store_get_belts (fixture->store));
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, n_belts);
  hd_record_table_sort_by (table, hd_record_table_get_column (belt_table, "sites"),
                           GTK_SORT_DESCENDING);
  for (guint i = 1; i < n_belts; i++)
    {
      g_autoptr(HdBelt) a = g_list_model_get_item (hd_record_table_get_shown (table), i - 1);
      g_autoptr(HdBelt) b = g_list_model_get_item (hd_record_table_get_shown (table), i);

      g_assert_cmpint (hd_belt_get_site_count (a), >=, hd_belt_get_site_count (b));
    }

  /* Ctrl+T again: back to the map. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-table", NULL);
  g_assert_cmpstr (hd_window_get_content (fixture->window), ==, "map");
  spin ();

  /* A table behind the map reads the store's changes when it is shown again. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HdBelt) belt = g_list_model_get_item (hd_store_get_belts (fixture->store), 0);
    g_auto(GStrv) route = hd_store_dup_belt_route (fixture->store, hd_belt_get_id (belt));
    GListModel *sites = hd_store_get_sites (fixture->store);
    g_autofree char *before = NULL;
    const char *site_id = NULL;
    const char *after;

    for (guint i = 0; site_id == NULL && i < g_list_model_get_n_items (sites); i++)
      {
        g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

        if (!g_strv_contains ((const char * const *) route, hd_site_get_id (site)))
          site_id = hd_site_get_id (hd_store_lookup_site (fixture->store, hd_site_get_id (site)));
      }
    g_assert_nonnull (site_id);
    table = HD_RECORD_TABLE (hd_window_get_site_table (fixture->window));
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (table)));
    before = g_strdup (hd_record_table_get_site_belts (table, site_id));
    {
      const char *one[] = { site_id, NULL };

      g_assert_true (hd_store_add_sites_to_belt (fixture->store, hd_belt_get_id (belt), one, NULL,
                                                 &error));
      g_assert_no_error (error);
    }
    g_assert_cmpstr (hd_record_table_get_site_belts (table, site_id), ==, before);
    hd_window_set_page (fixture->window, "site-table");
    g_assert_true (wait_until (is_mapped, table));
    after = hd_record_table_get_site_belts (table, site_id);
    g_assert_nonnull (after);
    g_assert_nonnull (strstr (after, hd_belt_get_name (belt)));
  }
}

/* What the user would count: sites whose name, organisation or address holds @text, case
 * folded. */
static guint
count_matching (HdStore    *store,
                const char *text)
{
  GListModel *sites = hd_store_get_sites (store);
  g_autofree char *needle = g_utf8_casefold (text, -1);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);
      const char *fields[] = { hd_site_get_name (site), hd_site_get_organisation (site),
                               hd_site_get_address (site) };

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        {
          g_autofree char *folded = fields[j] ? g_utf8_casefold (fields[j], -1) : NULL;

          if (folded != NULL && strstr (folded, needle) != NULL)
            {
              count++;
              break;
            }
        }
    }
  return count;
}

static void
test_10k (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(HdLights) lights = NULL;
  g_autofree char *name = NULL;
  g_autofree char *part = NULL;
  const char *typed[] = { "鼓", "鼓楼", "鼓楼金", "鼓楼金融", "鼓楼", "fintech", "ＦＩＮＴＥＣＨ",
                          "福州市台江区" };
  GtkWidget *window, *overlay, *site_table;
  HdRecordTable *table;
  guint n_sites;

  hd_test_import_sites (fixture->store, fixture->dir, 10000);
  n_sites = g_list_model_get_n_items (hd_store_get_sites (fixture->store));
  g_assert_cmpuint (n_sites, ==, 10000);
  lights = hd_lights_new (fixture->store);
  site_table = hd_site_table_new (fixture->store, lights);
  table = HD_RECORD_TABLE (site_table);
  window = gtk_window_new ();
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), site_table);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (is_mapped, window));
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, n_sites);

  /* Typing, letter by letter, then back: each count is what a scan finds. */
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      guint expected = g_str_equal (typed[i], "ＦＩＮＴＥＣＨ") ? count_matching (fixture->store, "fintech")
                                                           : count_matching (fixture->store, typed[i]);

      hd_record_table_set_search_text (table, typed[i]);
      g_assert_cmpuint (expected, >, 0);
      g_assert_cmpuint (expected, <, n_sites);
      g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, expected);
    }

  /* Part of one site's name finds it. */
  name = hd_test_site_name (4321);
  part = g_utf8_substring (name, g_utf8_strlen (name, -1) - 7, g_utf8_strlen (name, -1));
  hd_record_table_set_search_text (table, part);
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, 1);
  g_assert_cmpstr (hd_site_get_name (shown_site (table, 0)), ==, name);
  spin ();

  hd_record_table_set_search_text (table, "");
  g_assert_cmpuint (hd_record_table_get_n_shown (table), ==, n_sites);
  hd_test_destroy_window (window);
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  app = hd_test_app_new ();

  g_test_add ("/ui-tables/in-window", Fixture, NULL,
              fixture_set_up_sample, test_in_window, fixture_tear_down);
  g_test_add ("/ui-tables/10k", Fixture, NULL,
              fixture_set_up_empty, test_10k, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
