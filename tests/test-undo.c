/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "hd-inspection.h"
#include "hd-standards.h"
#include "hd-store-private.h"
#include "hd-test-sites.h"
#include "hd-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  HdStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = hd_test_dir_new ();
  f->store = hd_test_store_new (f->dir, "work.db", &f->path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  hd_test_dir_free (f->dir);
  g_free (f->path);
}

static HdSite *
save_site (HdStore    *store,
           const char *name,
           double      lat,
           double      lon)
{
  g_autoptr(GError) error = NULL;
  HdSite *site = hd_site_new ();

  hd_site_set_name (site, name);
  hd_site_set_kind (site, HD_SITE_KIND_RED_POST);
  hd_site_set_position (site, lat, lon);
  g_assert_true (hd_store_save_site (store, site, &error));
  g_assert_no_error (error);
  return site;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
count_changed (HdStore  *store,
               guint     kinds,
               char    **ids,
               guint    *count)
{
  g_assert_true (kinds & HD_CHANGE_SITES);
  (*count)++;
}

static void
test_save_undo_redo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) site = NULL;
  g_autoptr(HdSite) edit = hd_site_new ();
  g_autofree char *id = NULL;
  guint undo_notifies = 0;
  HdSite *in_model;

  g_assert_false (hd_store_can_undo (f->store));
  g_signal_connect (f->store, "notify::can-undo", G_CALLBACK (count_notify), &undo_notifies);
  site = save_site (f->store, "鼓楼红色驿站", 26.08, 119.29);
  id = g_strdup (hd_site_get_id (site));
  g_assert_true (hd_store_can_undo (f->store));
  g_assert_cmpuint (undo_notifies, ==, 1);
  g_assert_nonnull (strstr (hd_store_get_undo_label (f->store), "鼓楼红色驿站"));

  /* An edit, then undo brings back the earlier name in the same model object. */
  in_model = hd_store_lookup_site (f->store, id);
  hd_site_copy_from (edit, in_model);
  hd_site_set_name (edit, "鼓楼区红色驿站");
  g_assert_true (hd_store_save_site (f->store, edit, &error));
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_lookup_site (f->store, id) == in_model);
  g_assert_cmpstr (hd_site_get_name (in_model), ==, "鼓楼红色驿站");
  g_assert_true (hd_store_can_redo (f->store));

  /* Undo the creation: the site is gone, from the model and from the R*Tree. */
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (hd_store_lookup_site (f->store, id));
  g_assert_false (hd_store_can_undo (f->store));
  {
    g_autofree const char **found = hd_store_query_sites_in_box (f->store, 26, 119, 27, 120, &error);
    g_assert_cmpuint (g_strv_length ((GStrv) found), ==, 0);
  }

  /* Redo both. */
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  in_model = hd_store_lookup_site (f->store, id);
  g_assert_nonnull (in_model);
  g_assert_cmpstr (hd_site_get_name (in_model), ==, "鼓楼区红色驿站");
  g_assert_cmpint (hd_site_get_kind (in_model), ==, HD_SITE_KIND_RED_POST);
  g_assert_false (hd_store_can_redo (f->store));
  {
    g_autofree const char **found = hd_store_query_sites_in_box (f->store, 26, 119, 27, 120, &error);
    g_assert_cmpuint (g_strv_length ((GStrv) found), ==, 1);
  }

  /* Nothing left to redo is an error, not a crash. */
  g_assert_false (hd_store_redo (f->store, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

static void
test_delete_restores_route (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdBelt) belt = hd_belt_new ();
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_object_unref);
  const char *route[4];
  const char *gone[2] = { NULL, NULL };
  g_auto(GStrv) after = NULL;
  HdBelt *in_model;
  guint changed = 0;

  hd_belt_set_name (belt, "楼宇党建示范带");
  g_assert_true (hd_store_save_belt (f->store, belt, &error));
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("楼宇示范点%d", i + 1);

      g_ptr_array_add (sites, save_site (f->store, name, 26.08 + i * 0.01, 119.29));
      route[i] = hd_site_get_id (g_ptr_array_index (sites, i));
    }
  route[3] = NULL;
  g_assert_true (hd_store_set_belt_route (f->store, hd_belt_get_id (belt), route, &error));
  in_model = hd_store_lookup_belt (f->store, hd_belt_get_id (belt));
  g_assert_cmpint (hd_belt_get_site_count (in_model), ==, 3);

  gone[0] = route[1];
  g_assert_true (hd_store_delete_sites (f->store, gone, &error));
  g_assert_cmpint (hd_belt_get_site_count (in_model), ==, 2);
  g_assert_nonnull (strstr (hd_store_get_undo_label (f->store), "1"));

  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  /* The site is back, in its place on the route, and the belt counts it again. */
  g_assert_nonnull (hd_store_lookup_site (f->store, route[1]));
  g_assert_cmpint (hd_belt_get_site_count (in_model), ==, 3);
  after = hd_store_dup_belt_route (f->store, hd_belt_get_id (belt));
  g_assert_cmpuint (g_strv_length (after), ==, 3);
  for (int i = 0; i < 3; i++)
    g_assert_cmpstr (after[i], ==, route[i]);

  /* Redo deletes it again, though deleting the site already cascaded to its route place. */
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (hd_store_lookup_site (f->store, route[1]));
  g_assert_cmpint (hd_belt_get_site_count (in_model), ==, 2);
}

static void
test_import_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint belts, sites;

  g_assert_true (hd_store_load_sample (f->store, &error));
  g_assert_no_error (error);
  belts = g_list_model_get_n_items (hd_store_get_belts (f->store));
  sites = g_list_model_get_n_items (hd_store_get_sites (f->store));
  g_assert_cmpuint (sites, >, 30);

  hd_store_undo (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (hd_store_is_empty (f->store));

  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_belts (f->store)), ==, belts);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (f->store)), ==, sites);
  for (guint i = 0; i < belts; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (hd_store_get_belts (f->store), i);
      g_auto(GStrv) route = hd_store_dup_belt_route (f->store, hd_belt_get_id (belt));

      g_assert_cmpint (hd_belt_get_site_count (belt), ==, (int) g_strv_length (route));
    }
}

static void
test_new_command_clears_redo (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) a = save_site (f->store, "甲", 26, 119);
  g_autoptr(HdSite) b = NULL;

  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_true (hd_store_can_redo (f->store));
  b = save_site (f->store, "乙", 26, 119);
  g_assert_false (hd_store_can_redo (f->store));
}

/* Another process changed the record since: undo refuses and keeps their edit. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) site = save_site (f->store, "台江示范点", 26.06, 119.31);
  g_autoptr(HdStore) other = hd_store_open (f->path, &error);
  g_autoptr(HdSite) edit = hd_site_new ();
  g_autoptr(HdStore) reread = NULL;

  g_assert_no_error (error);
  hd_site_copy_from (edit, hd_store_lookup_site (other, hd_site_get_id (site)));
  hd_site_set_name (edit, "台江区示范点（另一台电脑改过）");
  g_assert_true (hd_store_save_site (other, edit, &error));
  g_assert_no_error (error);

  g_assert_false (hd_store_undo (f->store, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT);
  g_assert_true (hd_store_can_undo (f->store));

  g_clear_object (&other);
  reread = hd_store_open (f->path, NULL);
  g_assert_cmpstr (hd_site_get_name (hd_store_lookup_site (reread, hd_site_get_id (site))), ==,
                   "台江区示范点（另一台电脑改过）");
}

/* Undoing a site's creation must not take an inspection made since with it. */
static void
test_dependants_block_undo (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) site = save_site (f->store, "测试点", 26.0, 119.0);
  g_autoptr(HdStandardSet) six_haves = hd_store_find_standard_set (f->store, "six_haves", &error);
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GDate) today = g_date_new_dmy (1, G_DATE_MARCH, 2026);
  g_autoptr(GListStore) listed = NULL;

  g_assert_no_error (error);
  inspection = hd_store_start_inspection (f->store, HD_SUBJECT_SITE, hd_site_get_id (site),
                                          hd_standard_set_get_id (six_haves), "督导组 王敏", today,
                                          &error);
  g_assert_no_error (error);
  g_assert_nonnull (inspection);

  g_assert_false (hd_store_undo (f->store, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT);
  g_assert_nonnull (hd_store_lookup_site (f->store, hd_site_get_id (site)));
  g_assert_true (hd_store_can_undo (f->store));
  listed = hd_store_list_inspections (f->store, hd_site_get_id (site), NULL);
  g_assert_nonnull (listed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (listed)), ==, 1);

  /* Foreign keys are back on afterwards. */
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (hd_store_get_db (f->store), "PRAGMA foreign_keys", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/undo/save", test_save_undo_redo);
  ADD ("/undo/delete-restores-route", test_delete_restores_route);
  ADD ("/undo/import", test_import_undo);
  ADD ("/undo/new-command-clears-redo", test_new_command_clears_redo);
  ADD ("/undo/conflict", test_conflict);
  ADD ("/undo/dependants-block-undo", test_dependants_block_undo);
#undef ADD

  return g_test_run ();
}
