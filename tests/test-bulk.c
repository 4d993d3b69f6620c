/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The bulk commands of the site and belt tables (hd-store-lists.h): each is one transaction and
 * one undo step, and a refusal leaves the file as it was. */
#include <string.h>

#include "hd-inspection.h"
#include "hd-store-lists.h"
#include "hd-store-private.h"
#include "hd-test-sites.h"
#include "hd-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  HdStore *store;
  /* Our own small workspace: two regions (one inside the other), one belt, five sites. */
  char    *city;
  char    *district;
  char    *belt;
  char    *sites[5];
} Fixture;

static char *
save_region (HdStore    *store,
             const char *name,
             const char *parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRegion) region = hd_region_new ();

  hd_region_set_name (region, name);
  hd_region_set_parent_id (region, parent_id);
  hd_region_set_level (region, parent_id ? HD_REGION_LEVEL_DISTRICT : HD_REGION_LEVEL_CITY);
  g_assert_true (hd_store_save_region (store, region, &error));
  g_assert_no_error (error);
  return g_strdup (hd_region_get_id (region));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdBelt) belt = hd_belt_new ();
  const char *names[] = { "鼓楼党群服务中心", "三坊七巷红色驿站", "台江万达", "仓山学校", "晋安村" };

  f->dir = hd_test_dir_new ();
  f->store = hd_test_store_new (f->dir, "work.db", &f->path);

  f->city = save_region (f->store, "福州市", NULL);
  f->district = save_region (f->store, "鼓楼区", f->city);
  hd_belt_set_name (belt, "鼓楼红色示范带");
  g_assert_true (hd_store_save_belt (f->store, belt, &error));
  g_assert_no_error (error);
  f->belt = g_strdup (hd_belt_get_id (belt));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(HdSite) site = hd_site_new ();

      hd_site_set_name (site, names[i]);
      hd_site_set_position (site, 26.08 + i * 0.01, 119.29);
      g_assert_true (hd_store_save_site (f->store, site, &error));
      g_assert_no_error (error);
      f->sites[i] = g_strdup (hd_site_get_id (site));
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  hd_test_dir_free (f->dir);
  g_free (f->path);
  g_free (f->city);
  g_free (f->district);
  g_free (f->belt);
  for (guint i = 0; i < G_N_ELEMENTS (f->sites); i++)
    g_free (f->sites[i]);
}

static const char *
site_region (Fixture *f,
             guint    i)
{
  return hd_site_get_region_id (hd_store_lookup_site (f->store, f->sites[i]));
}

/* The region column as the file has it (not the model): what undo must put back. */
static char *
db_site_region (Fixture *f,
                guint    i)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (hd_store_get_db (f->store),
                                       "SELECT region_id FROM site WHERE id = ?1", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, f->sites[i], -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static void
count_changed (HdStore  *store,
               guint     kinds,
               char    **ids,
               guint    *count)
{
  (*count)++;
}

static void
test_assign_region (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { f->sites[0], f->sites[2], f->sites[4], f->sites[2], f->belt, NULL };
  g_autofree char *before_label = NULL;
  guint changed = 0;

  /* Site 4 is already in the district: the step must still put it back in it on undo. */
  {
    const char *one[] = { f->sites[4], NULL };

    g_assert_true (hd_store_assign_region (f->store, one, f->city, &error));
    g_assert_no_error (error);
  }
  before_label = g_strdup (hd_store_get_undo_label (f->store));

  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), &changed);
  g_assert_true (hd_store_assign_region (f->store, ids, f->district, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (site_region (f, 0), ==, f->district);
  g_assert_cmpstr (site_region (f, 1), ==, NULL);
  g_assert_cmpstr (site_region (f, 2), ==, f->district);
  g_assert_cmpstr (site_region (f, 4), ==, f->district);
  g_assert_cmpstr (hd_belt_get_region_id (hd_store_lookup_belt (f->store, f->belt)), ==,
                   f->district);
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==,
                   "Assign “鼓楼区” to 4 sites and belts");

  /* One undo takes all of it back, and only it. */
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (site_region (f, 0), ==, NULL);
  g_assert_cmpstr (site_region (f, 2), ==, NULL);
  g_assert_cmpstr (site_region (f, 4), ==, f->city);
  {
    g_autofree char *db = db_site_region (f, 4);

    g_assert_cmpstr (db, ==, f->city);
  }
  g_assert_cmpstr (hd_belt_get_region_id (hd_store_lookup_belt (f->store, f->belt)), ==, NULL);
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, before_label);

  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (site_region (f, 0), ==, f->district);
  g_assert_cmpstr (site_region (f, 4), ==, f->district);
  g_assert_cmpstr (hd_belt_get_region_id (hd_store_lookup_belt (f->store, f->belt)), ==,
                   f->district);

  /* NULL takes them out of any region. */
  g_assert_true (hd_store_assign_region (f->store, ids, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (site_region (f, 0), ==, NULL);
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==,
                   "Assign “no region” to 4 sites and belts");
  g_signal_handlers_disconnect_by_func (f->store, count_changed, &changed);
}

static void
assert_refused_unchanged (Fixture *f,
                          GError  *error)
{
  g_autofree char *hash = hd_test_file_hash (f->path);

  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-id"));
  g_assert_cmpstr (site_region (f, 0), ==, NULL);
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, "Save “晋安村”");
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  const char *with_missing[] = { f->sites[0], "no-such-id", NULL };
  const char *good[] = { f->sites[0], NULL };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint changed = 0;

  hd_store_exec (f->store, "PRAGMA wal_checkpoint(TRUNCATE)", "checkpoint", NULL);
  before = hd_test_file_hash (f->path);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), &changed);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (hd_store_assign_region (f->store, with_missing, f->district, &error));
    assert_refused_unchanged (f, error);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (hd_store_assign_region (f->store, good, "no-such-id", &error));
    assert_refused_unchanged (f, error);
  }
  {
    g_autoptr(GError) error = NULL;
    guint n = 99;

    g_assert_false (hd_store_add_sites_to_belt (f->store, f->belt, with_missing, &n, &error));
    assert_refused_unchanged (f, error);
    g_assert_cmpuint (n, ==, 0);
    g_assert_cmpint (hd_belt_get_site_count (hd_store_lookup_belt (f->store, f->belt)), ==, 0);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (hd_store_add_sites_to_belt (f->store, "no-such-id", good, NULL, &error));
    assert_refused_unchanged (f, error);
  }
  {
    g_autoptr(GError) error = NULL;
    const char *belts[] = { f->belt, "no-such-id", NULL };

    g_assert_false (hd_store_delete_belts (f->store, belts, &error));
    assert_refused_unchanged (f, error);
    g_assert_nonnull (hd_store_lookup_belt (f->store, f->belt));
  }

  hd_store_exec (f->store, "PRAGMA wal_checkpoint(TRUNCATE)", "checkpoint", NULL);
  after = hd_test_file_hash (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (changed, ==, 0);
  g_signal_handlers_disconnect_by_func (f->store, count_changed, &changed);
}

static void
assert_route (Fixture            *f,
              const char * const *expected)
{
  g_auto(GStrv) route = hd_store_dup_belt_route (f->store, f->belt);

  g_assert_cmpstrv (route, expected);
  g_assert_cmpint (hd_belt_get_site_count (hd_store_lookup_belt (f->store, f->belt)), ==,
                   g_strv_length ((GStrv) expected));
}

static void
test_add_sites_to_belt (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *first[] = { f->sites[3], f->sites[1], NULL };
  const char *more[] = { f->sites[1], f->sites[0], f->sites[4], f->sites[0], NULL };
  const char *after_first[] = { f->sites[3], f->sites[1], NULL };
  const char *after_more[] = { f->sites[3], f->sites[1], f->sites[0], f->sites[4], NULL };
  const char *none[] = { NULL };
  g_autofree char *label = NULL;
  guint n = 0;

  g_assert_true (hd_store_set_belt_route (f->store, f->belt, first, &error));
  g_assert_no_error (error);
  assert_route (f, after_first);

  /* Appended in the given order; the one already on it and the repeat are skipped. */
  g_assert_true (hd_store_add_sites_to_belt (f->store, f->belt, more, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  assert_route (f, after_more);
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, "Add 2 sites to “鼓楼红色示范带”");

  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  assert_route (f, after_first);
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  assert_route (f, after_more);

  /* Nothing new: no write, no undo step. */
  label = g_strdup (hd_store_get_undo_label (f->store));
  g_assert_true (hd_store_add_sites_to_belt (f->store, f->belt, more, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (hd_store_add_sites_to_belt (f->store, f->belt, none, &n, &error));
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, label);
  assert_route (f, after_more);

  /* Membership map, ordered by belt name. */
  {
    g_autoptr(GHashTable) map = hd_store_map_site_belts (f->store, &error);
    GPtrArray *belts;

    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (map), ==, 4);
    belts = g_hash_table_lookup (map, f->sites[4]);
    g_assert_nonnull (belts);
    g_assert_cmpuint (belts->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (belts, 0), ==, f->belt);
    g_assert_null (g_hash_table_lookup (map, f->sites[2]));
  }
}

static void
test_delete_belts (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdBelt) second = hd_belt_new ();
  const char *route[] = { f->sites[0], f->sites[1], NULL };
  const char *ids[2 + 1] = { f->belt, NULL, NULL };
  guint n_belts;

  hd_belt_set_name (second, "仓山示范带");
  g_assert_true (hd_store_save_belt (f->store, second, &error));
  g_assert_no_error (error);
  ids[1] = hd_belt_get_id (second);
  g_assert_true (hd_store_set_belt_route (f->store, f->belt, route, &error));
  g_assert_no_error (error);
  n_belts = g_list_model_get_n_items (hd_store_get_belts (f->store));

  g_assert_true (hd_store_delete_belts (f->store, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_belts (f->store)), ==, n_belts - 2);
  g_assert_null (hd_store_lookup_belt (f->store, f->belt));
  g_assert_nonnull (hd_store_lookup_site (f->store, f->sites[0]));
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, "Delete 2 belts");

  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_belts (f->store)), ==, n_belts);
  assert_route (f, route);
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (hd_store_lookup_belt (f->store, f->belt));
  g_assert_null (hd_store_lookup_belt (f->store, ids[1]));
}

/* On the sample: the facts the tables show, checked against the per-subject API. */
static void
test_facts_on_sample (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) last = NULL;
  g_autoptr(GHashTable) memberships = NULL;
  g_autoptr(GPtrArray) all_ids = g_ptr_array_new ();
  GListModel *sites;
  gint64 total = 0;
  guint n_inspected = 0;

  g_assert_true (hd_store_load_sample (f->store, &error));
  g_assert_no_error (error);
  last = hd_store_map_last_inspected (f->store, &error);
  g_assert_no_error (error);
  memberships = hd_store_map_site_belts (f->store, &error);
  g_assert_no_error (error);

  sites = hd_store_get_sites (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);
      const char *id = hd_site_get_id (site);
      g_autoptr(GListStore) inspections = hd_store_list_inspections (f->store, id, &error);
      g_auto(GStrv) belts = hd_store_dup_site_belts (f->store, id);
      GPtrArray *mapped = g_hash_table_lookup (memberships, id);
      const char *expected = NULL;

      g_assert_no_error (error);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (inspections)); j++)
        {
          g_autoptr(HdInspection) inspection = g_list_model_get_item (G_LIST_MODEL (inspections), j);

          if (hd_inspection_get_state (inspection) == HD_INSPECTION_FINISHED &&
              (expected == NULL || strcmp (hd_inspection_get_date (inspection), expected) > 0))
            expected = hd_inspection_get_date (inspection);
        }
      g_assert_cmpstr (g_hash_table_lookup (last, id), ==, expected);
      n_inspected += expected != NULL;
      total += g_list_model_get_n_items (G_LIST_MODEL (inspections));
      g_assert_cmpuint (mapped ? mapped->len : 0, ==, g_strv_length (belts));
      /* The model's own object keeps the id alive after this iteration. */
      g_ptr_array_add (all_ids, (gpointer) hd_site_get_id (hd_store_lookup_site (f->store, id)));
    }
  g_assert_cmpuint (n_inspected, >, 0);
  g_ptr_array_add (all_ids, NULL);
  g_assert_cmpint (hd_store_count_inspections_of (f->store, (const char * const *) all_ids->pdata,
                                                  &error), ==, total);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/bulk/assign-region", test_assign_region);
  ADD ("/bulk/refusals", test_refusals);
  ADD ("/bulk/add-sites-to-belt", test_add_sites_to_belt);
  ADD ("/bulk/delete-belts", test_delete_belts);
  ADD ("/bulk/facts-on-sample", test_facts_on_sample);
#undef ADD

  return g_test_run ();
}
