/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The region tree's commands (rename, move, delete, boundaries) and their undo. */
#include <string.h>

#include "hd-region-tree.h"
#include "hd-store-private.h"
#include "hd-test-snapshot.h"
#include "hd-test-sites.h"
#include "hd-test-util.h"

typedef struct {
  char    *dir;
  char    *path;
  HdStore *store;
  /* city > district (with a town below) and a second, empty district */
  char    *city;
  char    *district;
  char    *town;
  char    *empty;
  char    *belt;
  char    *site_in_town;
  char    *site_in_district;
  char    *plan;
} Fixture;

static char *
add_region (HdStore       *store,
            const char    *name,
            HdRegionLevel  level,
            const char    *code,
            const char    *parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRegion) region = hd_region_new ();

  hd_region_set_name (region, name);
  hd_region_set_level (region, level);
  hd_region_set_code (region, code);
  hd_region_set_parent_id (region, parent_id);
  g_assert_true (hd_store_save_region (store, region, &error));
  g_assert_no_error (error);
  return g_strdup (hd_region_get_id (region));
}

static char *
add_site (HdStore    *store,
          const char *name,
          const char *region_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) site = hd_site_new ();

  hd_site_set_name (site, name);
  hd_site_set_region_id (site, region_id);
  hd_site_set_position (site, 26.08, 119.30);
  g_assert_true (hd_store_save_site (store, site, &error));
  g_assert_no_error (error);
  return g_strdup (hd_site_get_id (site));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdBelt) belt = hd_belt_new ();
  g_autoptr(HdPlan) plan = hd_plan_new ();

  f->dir = hd_test_dir_new ();
  f->store = hd_test_store_new (f->dir, "work.db", &f->path);

  f->city = add_region (f->store, "福州市", HD_REGION_LEVEL_CITY, "350100", NULL);
  f->district = add_region (f->store, "鼓楼区", HD_REGION_LEVEL_DISTRICT, "350102", f->city);
  f->empty = add_region (f->store, "台江区", HD_REGION_LEVEL_DISTRICT, "350103", f->city);
  f->town = add_region (f->store, "东街街道", HD_REGION_LEVEL_TOWN, NULL, f->district);

  hd_belt_set_name (belt, "三坊七巷党建示范带");
  hd_belt_set_region_id (belt, f->district);
  g_assert_true (hd_store_save_belt (f->store, belt, &error));
  g_assert_no_error (error);
  f->belt = g_strdup (hd_belt_get_id (belt));

  f->site_in_town = add_site (f->store, "南后街社区", f->town);
  f->site_in_district = add_site (f->store, "鼓楼区党群服务中心", f->district);

  hd_plan_set_title (plan, "三年行动计划");
  hd_plan_set_region_id (plan, f->district);
  hd_plan_set_first_year (plan, 2018);
  g_assert_true (hd_store_save_plan (f->store, plan, &error));
  g_assert_no_error (error);
  f->plan = g_strdup (hd_plan_get_id (plan));
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
  g_free (f->town);
  g_free (f->empty);
  g_free (f->belt);
  g_free (f->site_in_town);
  g_free (f->site_in_district);
  g_free (f->plan);
}

static char *
content_digest (HdStore *store)
{
  return hd_test_snapshot (hd_store_get_db (store));
}

static const char *
parent_of (Fixture    *f,
           const char *id)
{
  HdRegion *region = hd_store_lookup_region (f->store, id);

  g_assert_nonnull (region);
  return hd_region_get_parent_id (region);
}

static void
test_tree_order_and_paths (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) tree = hd_store_dup_region_tree (f->store);
  g_autofree char *path = hd_store_dup_region_path (f->store, f->town);
  g_autoptr(GHashTable) totals = hd_store_collect_region_totals (f->store);
  HdRegionTotals *t;
  HdRegionContents contents;
  g_autoptr(GError) error = NULL;

  /* Depth first, siblings by code: the town comes right after its district. */
  g_assert_cmpuint (tree->len, ==, 4);
  g_assert_cmpstr (hd_region_get_id (g_ptr_array_index (tree, 0)), ==, f->city);
  g_assert_cmpstr (hd_region_get_id (g_ptr_array_index (tree, 1)), ==, f->district);
  g_assert_cmpstr (hd_region_get_id (g_ptr_array_index (tree, 2)), ==, f->town);
  g_assert_cmpstr (hd_region_get_id (g_ptr_array_index (tree, 3)), ==, f->empty);
  g_assert_cmpuint (hd_store_get_region_depth (f->store, f->town), ==, 2);
  g_assert_cmpuint (hd_store_get_region_depth (f->store, f->city), ==, 0);

  g_assert_cmpstr (path, ==, "福州市 › 鼓楼区 › 东街街道");
  g_assert_null (hd_store_dup_region_path (f->store, "no-such-region"));

  g_assert_true (hd_store_region_is_within (f->store, f->town, f->city));
  g_assert_true (hd_store_region_is_within (f->store, f->city, f->city));
  g_assert_false (hd_store_region_is_within (f->store, f->city, f->town));
  g_assert_false (hd_store_region_is_within (f->store, f->empty, f->district));

  /* Totals include sub-regions; direct contents do not. */
  t = g_hash_table_lookup (totals, f->city);
  g_assert_cmpuint (t->sites, ==, 2);
  g_assert_cmpuint (t->belts, ==, 1);
  t = g_hash_table_lookup (totals, f->district);
  g_assert_cmpuint (t->sites, ==, 2);
  t = g_hash_table_lookup (totals, f->town);
  g_assert_cmpuint (t->sites, ==, 1);
  g_assert_cmpuint (t->belts, ==, 0);
  t = g_hash_table_lookup (totals, f->empty);
  g_assert_cmpuint (t->sites + t->belts, ==, 0);

  g_assert_true (hd_store_count_region_contents (f->store, f->district, &contents, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (contents.sub_regions, ==, 1);
  g_assert_cmpuint (contents.belts, ==, 1);
  g_assert_cmpuint (contents.sites, ==, 1);
  g_assert_cmpuint (contents.plans, ==, 1);
  g_assert_false (hd_store_count_region_contents (f->store, "nope", &contents, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
}

/* A parent cycle written by another program: every region still shows, nothing loops, and a
 * move takes a region out of the cycle. */
static void
test_cycle_from_elsewhere (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(HdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  guint n = g_list_model_get_n_items (hd_store_get_regions (f->store));

  sql = g_strdup_printf ("UPDATE region SET parent_id = '%s' WHERE id = '%s'", f->town, f->city);
  g_assert_cmpint (sqlite3_exec (hd_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  other = hd_store_open (f->path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) tree = hd_store_dup_region_tree (other);
    g_autoptr(GHashTable) totals = hd_store_collect_region_totals (other);
    g_autofree char *path = hd_store_dup_region_path (other, f->town);

    g_assert_cmpuint (tree->len, ==, n);
    g_assert_nonnull (path);
    g_assert_true (hd_store_region_is_within (other, f->town, "not-there"));
    g_assert_cmpuint (((HdRegionTotals *) g_hash_table_lookup (totals, f->empty))->sites, ==, 0);
    /* Each site counts once in each region of the circle. */
    g_assert_cmpuint (((HdRegionTotals *) g_hash_table_lookup (totals, f->city))->sites, ==, 2);
    g_assert_cmpuint (((HdRegionTotals *) g_hash_table_lookup (totals, f->town))->sites, ==, 2);
  }
  g_assert_true (hd_store_move_region (other, f->city, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (hd_store_region_is_within (other, f->town, "not-there"));
}

static void
test_rename_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdRegion) copy = hd_region_new ();
  HdRegion *live = hd_store_lookup_region (f->store, f->district);

  hd_region_copy_from (copy, live);
  hd_region_set_name (copy, "鼓楼区（新）");
  hd_region_set_level (copy, HD_REGION_LEVEL_TOWN);
  hd_region_set_code (copy, "350199");
  g_assert_true (hd_store_save_region (f->store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hd_region_get_name (live), ==, "鼓楼区（新）");
  g_assert_cmpint (hd_region_get_level (live), ==, HD_REGION_LEVEL_TOWN);

  /* A blank name is refused and changes nothing. */
  hd_region_set_name (copy, "   ");
  g_assert_false (hd_store_save_region (f->store, copy, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, "Save “鼓楼区（新）”");
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hd_region_get_name (live), ==, "鼓楼区");
  g_assert_cmpstr (hd_region_get_code (live), ==, "350102");
  g_assert_cmpint (hd_region_get_level (live), ==, HD_REGION_LEVEL_DISTRICT);
}

static void
test_move_refuses_cycles (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = content_digest (f->store);
  g_autofree char *label = NULL;
  g_autofree char *path = NULL;

  /* Under itself, under its child, under its grandchild: refused, nothing written. */
  g_assert_false (hd_store_move_region (f->store, f->city, f->city, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_move_region (f->store, f->city, f->district, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "福州市"));
  g_clear_error (&error);
  g_assert_false (hd_store_move_region (f->store, f->district, f->town, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_move_region (f->store, f->district, "missing", &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Saving with a parent below it is refused the same way. */
  {
    g_autoptr(HdRegion) copy = hd_region_new ();

    hd_region_copy_from (copy, hd_store_lookup_region (f->store, f->city));
    hd_region_set_parent_id (copy, f->town);
    g_assert_false (hd_store_save_region (f->store, copy, &error));
    g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autofree char *after = content_digest (f->store);

    g_assert_cmpstr (after, ==, before);
  }
  label = g_strdup (hd_store_get_undo_label (f->store));

  /* The town moves to the other district, then to the top. */
  g_assert_true (hd_store_move_region (f->store, f->town, f->empty, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parent_of (f, f->town), ==, f->empty);
  path = hd_store_dup_region_path (f->store, f->town);
  g_assert_cmpstr (path, ==, "福州市 › 台江区 › 东街街道");
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, "Move “东街街道”");
  g_assert_true (hd_store_move_region (f->store, f->town, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (parent_of (f, f->town));

  /* Each move is one undo step. */
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parent_of (f, f->town), ==, f->empty);
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parent_of (f, f->town), ==, f->district);
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, label);
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (parent_of (f, f->town), ==, f->empty);
}

static void
test_delete_empty (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = content_digest (f->store);

  /* Not empty: the plain delete is refused and says what is in it. */
  g_assert_false (hd_store_delete_region (f->store, f->district, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  g_assert_true (hd_store_delete_region (f->store, f->empty, &error));
  g_assert_no_error (error);
  g_assert_null (hd_store_lookup_region (f->store, f->empty));

  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_nonnull (hd_store_lookup_region (f->store, f->empty));
  {
    g_autofree char *after = content_digest (f->store);

    g_assert_cmpstr (after, ==, before);
  }

  /* The other way to delete does the same for an empty region. */
  g_assert_true (hd_store_delete_region_into_parent (f->store, f->empty, &error));
  g_assert_no_error (error);
  g_assert_null (hd_store_lookup_region (f->store, f->empty));
}

static guint changed_kinds;

static void
on_changed (HdStore *store,
            guint    kinds,
            GStrv    ids,
            gpointer user_data)
{
  changed_kinds |= kinds;
}

static void
test_delete_moving_contents (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = content_digest (f->store);
  g_autofree char *label_before = g_strdup (hd_store_get_undo_label (f->store));
  HdBelt *belt = hd_store_lookup_belt (f->store, f->belt);
  HdSite *site = hd_store_lookup_site (f->store, f->site_in_district);
  HdPlan *plan = hd_store_lookup_plan (f->store, f->plan);
  g_autofree char *site_modified = g_strdup (hd_site_get_modified (site));
  gulong handler;

  handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), NULL);
  changed_kinds = 0;
  g_assert_true (hd_store_delete_region_into_parent (f->store, f->district, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->store, handler);

  /* Its town, belt, site and plan now belong to the city; the live models say so. */
  g_assert_null (hd_store_lookup_region (f->store, f->district));
  g_assert_cmpstr (parent_of (f, f->town), ==, f->city);
  g_assert_cmpstr (hd_belt_get_region_id (belt), ==, f->city);
  g_assert_cmpstr (hd_site_get_region_id (site), ==, f->city);
  g_assert_cmpstr (hd_plan_get_region_id (plan), ==, f->city);
  /* Moved records are stamped, so an editor still open on them gets "changed elsewhere". */
  g_assert_cmpstr (hd_site_get_modified (site), !=, site_modified);
  /* The site in the town stays in the town. */
  g_assert_cmpstr (hd_site_get_region_id (hd_store_lookup_site (f->store, f->site_in_town)), ==,
                   f->town);
  g_assert_cmpuint (changed_kinds & (HD_CHANGE_REGIONS | HD_CHANGE_BELTS | HD_CHANGE_SITES |
                                     HD_CHANGE_PLANS), ==,
                    HD_CHANGE_REGIONS | HD_CHANGE_BELTS | HD_CHANGE_SITES | HD_CHANGE_PLANS);
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, "Delete “鼓楼区”");

  /* One undo brings the region back with everything in it. */
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_nonnull (hd_store_lookup_region (f->store, f->district));
  g_assert_cmpstr (parent_of (f, f->town), ==, f->district);
  g_assert_cmpstr (hd_belt_get_region_id (belt), ==, f->district);
  g_assert_cmpstr (hd_site_get_region_id (site), ==, f->district);
  g_assert_cmpstr (hd_plan_get_region_id (plan), ==, f->district);
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, label_before);
  {
    g_autofree char *after = content_digest (f->store);

    g_assert_cmpstr (after, ==, before);
  }

  /* A top-level region's contents go to no region. */
  g_assert_true (hd_store_delete_region_into_parent (f->store, f->city, &error));
  g_assert_no_error (error);
  g_assert_null (parent_of (f, f->district));
  g_assert_null (parent_of (f, f->empty));
}

/* The belt editor's Save: the belt's fields and its route in one command. */
static void
test_belt_with_route_one_step (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdBelt) copy = hd_belt_new ();
  g_autofree char *third = add_site (f->store, "三坊七巷", f->town);
  const char *first_route[] = { f->site_in_town, f->site_in_district, third, NULL };
  const char *second_route[] = { f->site_in_district, f->site_in_town, NULL };
  const char *twice[] = { third, third, NULL };
  const char *unknown[] = { "no-such-site", NULL };
  g_autofree char *before = NULL;
  g_autofree char *label = NULL;
  HdBelt *live = hd_store_lookup_belt (f->store, f->belt);

  hd_belt_copy_from (copy, live);
  g_assert_true (hd_store_save_belt_with_route (f->store, copy, first_route, &error));
  g_assert_no_error (error);
  before = content_digest (f->store);
  label = g_strdup (hd_store_get_undo_label (f->store));

  /* A route with a site twice, or an unknown one, is refused and changes nothing. */
  hd_belt_set_name (copy, "改名");
  g_assert_false (hd_store_save_belt_with_route (f->store, copy, twice, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (hd_store_save_belt_with_route (f->store, copy, unknown, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *after = content_digest (f->store);

    g_assert_cmpstr (after, ==, before);
  }

  /* New name, sites swapped and one dropped: one step, one undo. */
  g_assert_true (hd_store_save_belt_with_route (f->store, copy, second_route, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hd_belt_get_name (live), ==, "改名");
  {
    g_auto(GStrv) route = hd_store_dup_belt_route (f->store, f->belt);

    g_assert_cmpstrv (route, second_route);
  }
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hd_store_get_undo_label (f->store), ==, label);
  {
    g_auto(GStrv) route = hd_store_dup_belt_route (f->store, f->belt);
    g_autofree char *after = content_digest (f->store);

    g_assert_cmpstrv (route, first_route);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_true (hd_store_redo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (hd_belt_get_name (live), ==, "改名");
}

/* Boundaries */

static GFile *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_boundaries_good (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                    "boundaries.geojson", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(GError) error = NULL;
  g_auto(HdBoundarySummary) summary = { 0, };
  g_autofree char *before = content_digest (f->store);
  HdRegion *district = hd_store_lookup_region (f->store, f->district);
  HdRegion *created;

  g_assert_null (hd_region_get_geometry (district));
  g_assert_true (hd_store_import_boundaries (f->store, file, TRUE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.matched, ==, 2);
  g_assert_cmpuint (summary.created, ==, 0);
  g_assert_cmpuint (summary.region_ids->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (summary.region_ids, 0), ==, f->district);

  /* Matched by code: the district got its outline, and is still the same record. */
  g_assert_nonnull (hd_region_get_geometry (district));
  g_assert_nonnull (strstr (hd_region_get_geometry (district), "Polygon"));
  g_assert_cmpstr (hd_region_get_name (district), ==, "鼓楼区");

  /* The fixture's town has no code and the workspace's town another id: matched by name. */
  created = hd_store_lookup_region (f->store, g_ptr_array_index (summary.region_ids, 1));
  g_assert_nonnull (created);
  g_assert_cmpstr (hd_region_get_id (created), ==, f->town);
  g_assert_nonnull (strstr (hd_region_get_geometry (created), "MultiPolygon"));
  /* It had no code and the file gives none: still none. */
  g_assert_null (hd_region_get_code (created));

  /* One undo step takes it all back. */
  g_assert_true (g_str_has_prefix (hd_store_get_undo_label (f->store), "Import boundaries from "));
  g_assert_true (g_str_has_suffix (hd_store_get_undo_label (f->store), "boundaries.geojson"));
  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_null (hd_region_get_geometry (district));
  {
    g_autofree char *after = content_digest (f->store);

    g_assert_cmpstr (after, ==, before);
  }
}

static void
test_boundaries_create (Fixture       *f,
                        gconstpointer  data)
{
  /* A new town below the district (by code), and a new district whose parent is named after
   * it in the file (order does not matter) with a town below that. */
  static const char json[] =
    "{\"type\": \"FeatureCollection\", \"features\": ["
    " {\"type\": \"Feature\", \"properties\": {\"name\": \"温泉街道\", \"level\": \"town\","
    "  \"parent\": \"350102\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
    "  [[[119.30, 26.09], [119.31, 26.09], [119.31, 26.10], [119.30, 26.09]]]}},"
    " {\"type\": \"Feature\", \"properties\": {\"name\": \"上渡街道\", \"level\": \"town\","
    "  \"parent\": \"仓山区\"}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\":"
    "  [[[119.28, 26.04], [119.29, 26.04], [119.29, 26.05], [119.28, 26.04]]]}},"
    " {\"type\": \"Feature\", \"properties\": {\"name\": \"仓山区\", \"code\": 350104,"
    "  \"level\": \"district\", \"parent\": \"福州市\"}, \"geometry\": {\"type\": \"Polygon\","
    "  \"coordinates\": [[[119.25, 26.0], [119.35, 26.0], [119.35, 26.06], [119.25, 26.0]]]}}"
    "]}";
  g_autoptr(GFile) file = write_file (f, "new.geojson", json);
  g_autoptr(GError) error = NULL;
  g_auto(HdBoundarySummary) summary = { 0, };
  g_autofree char *before = content_digest (f->store);
  g_autofree char *path = NULL;
  guint n_before = g_list_model_get_n_items (hd_store_get_regions (f->store));

  /* Without permission to create, the first unknown region stops it all. */
  g_assert_false (hd_store_import_boundaries (f->store, file, FALSE, NULL, &error));
  g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_UNRESOLVED);
  g_assert_nonnull (strstr (error->message, "new.geojson: feature 0 (“温泉街道”)"));
  g_clear_error (&error);
  {
    g_autofree char *after = content_digest (f->store);

    g_assert_cmpstr (after, ==, before);
  }

  g_assert_true (hd_store_import_boundaries (f->store, file, TRUE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.created, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_regions (f->store)), ==, n_before + 3);
  path = hd_store_dup_region_path (f->store, g_ptr_array_index (summary.region_ids, 1));
  g_assert_cmpstr (path, ==, "福州市 › 仓山区 › 上渡街道");
  g_clear_pointer (&path, g_free);
  path = hd_store_dup_region_path (f->store, g_ptr_array_index (summary.region_ids, 0));
  g_assert_cmpstr (path, ==, "福州市 › 鼓楼区 › 温泉街道");
  g_assert_cmpint (hd_region_get_level (hd_store_lookup_region (f->store,
                                          g_ptr_array_index (summary.region_ids, 2))),
                   ==, HD_REGION_LEVEL_DISTRICT);
  g_assert_cmpstr (hd_region_get_code (hd_store_lookup_region (f->store,
                                          g_ptr_array_index (summary.region_ids, 2))),
                   ==, "350104");

  g_assert_true (hd_store_undo (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_regions (f->store)), ==, n_before);
}

typedef struct {
  const char *what;
  const char *features;   /* the features array's contents */
  const char *message;    /* a part of the error message */
  int         code;
} BadCase;

static void
test_boundaries_all_or_nothing (Fixture       *f,
                                gconstpointer  data)
{
  /* The first feature is always good: a bad second one must leave the first unwritten. */
  static const char good[] =
    "{\"type\": \"Feature\", \"properties\": {\"name\": \"鼓楼区\"}, \"geometry\":"
    " {\"type\": \"Polygon\", \"coordinates\": [[[119.2, 26.0], [119.3, 26.0], [119.3, 26.1],"
    " [119.2, 26.0]]]}}";
  static const BadCase cases[] = {
    { "open ring",
      "{\"type\": \"Feature\", \"properties\": {\"name\": \"台江区\"}, \"geometry\":"
      " {\"type\": \"Polygon\", \"coordinates\": [[[119.2, 26.0], [119.3, 26.0], [119.3, 26.1]]]}}",
      "feature 1 (“台江区”)", HD_IMPORT_ERROR_INVALID_FEATURE },
    { "latitude out of range",
      "{\"type\": \"Feature\", \"properties\": {\"name\": \"台江区\"}, \"geometry\":"
      " {\"type\": \"Polygon\", \"coordinates\": [[[119.2, 96.0], [119.3, 26.0], [119.3, 26.1],"
      " [119.2, 96.0]]]}}",
      "feature 1 (“台江区”)", HD_IMPORT_ERROR_INVALID_FEATURE },
    { "a point is not a boundary",
      "{\"type\": \"Feature\", \"properties\": {\"name\": \"台江区\"}, \"geometry\":"
      " {\"type\": \"Point\", \"coordinates\": [119.2, 26.0]}}",
      "feature 1 (“台江区”): not a boundary", HD_IMPORT_ERROR_INVALID_FEATURE },
    { "no geometry",
      "{\"type\": \"Feature\", \"properties\": {\"name\": \"台江区\", \"type\": \"region\"},"
      " \"geometry\": null}",
      "feature 1 (“台江区”): not a boundary", HD_IMPORT_ERROR_INVALID_FEATURE },
    { "unknown region",
      "{\"type\": \"Feature\", \"properties\": {\"name\": \"马尾区\", \"code\": \"350105\"},"
      " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[119.2, 26.0], [119.3, 26.0],"
      " [119.3, 26.1], [119.2, 26.0]]]}}",
      "feature 1 (“马尾区”): no region in the workspace has the code “350105”",
      HD_IMPORT_ERROR_UNRESOLVED },
    { "the same region twice",
      "{\"type\": \"Feature\", \"properties\": {\"name\": \"x\", \"code\": \"350102\"},"
      " \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[119.2, 26.0], [119.3, 26.0],"
      " [119.3, 26.1], [119.2, 26.0]]]}}",
      "feature 1 (“x”): another feature", HD_IMPORT_ERROR_DUPLICATE_ID },
  };
  g_autofree char *before = content_digest (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"type\": \"FeatureCollection\", \"features\":"
                                               " [%s, %s]}", good, cases[i].features);
      g_autoptr(GFile) file = write_file (f, "bad.geojson", json);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case: %s", cases[i].what);
      g_assert_false (hd_store_import_boundaries (f->store, file, FALSE, NULL, &error));
      g_assert_error (error, HD_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "bad.geojson"));
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("%s: “%s” does not say “%s”", cases[i].what, error->message, cases[i].message);
      after = content_digest (f->store);
      g_assert_cmpstr (after, ==, before);
    }
  g_assert_null (hd_region_get_geometry (hd_store_lookup_region (f->store, f->district)));

  /* A parent cycle among new regions, and nesting beyond the parser's bound. */
  {
    static const char cycle[] =
      "{\"type\": \"FeatureCollection\", \"features\": ["
      " {\"type\": \"Feature\", \"properties\": {\"name\": \"甲\", \"parent\": \"乙\"},"
      "  \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[1, 1], [2, 1], [2, 2], [1, 1]]]}},"
      " {\"type\": \"Feature\", \"properties\": {\"name\": \"乙\", \"parent\": \"甲\"},"
      "  \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[1, 1], [2, 1], [2, 2], [1, 1]]]}}]}";
    g_autoptr(GFile) file = write_file (f, "cycle.geojson", cycle);
    g_autoptr(GString) deep = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": ");
    g_autoptr(GFile) deep_file = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;

    g_assert_false (hd_store_import_boundaries (f->store, file, TRUE, NULL, &error));
    g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_UNRESOLVED);
    g_assert_nonnull (strstr (error->message, "cycle.geojson: feature 0"));
    g_clear_error (&error);

    for (guint i = 0; i < 10000; i++)
      g_string_append_c (deep, '[');
    deep_file = write_file (f, "deep.geojson", deep->str);
    g_assert_false (hd_store_import_boundaries (f->store, deep_file, TRUE, NULL, &error));
    g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_TOO_DEEP);
    after = content_digest (f->store);
    g_assert_cmpstr (after, ==, before);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/regions/tree-order-and-paths", test_tree_order_and_paths);
  ADD ("/regions/rename-and-undo", test_rename_and_undo);
  ADD ("/regions/cycle-from-elsewhere", test_cycle_from_elsewhere);
  ADD ("/regions/move-refuses-cycles", test_move_refuses_cycles);
  ADD ("/regions/delete-empty", test_delete_empty);
  ADD ("/regions/delete-moving-contents", test_delete_moving_contents);
  ADD ("/regions/belt-with-route-one-step", test_belt_with_route_one_step);
  ADD ("/regions/boundaries/good", test_boundaries_good);
  ADD ("/regions/boundaries/create", test_boundaries_create);
  ADD ("/regions/boundaries/all-or-nothing", test_boundaries_all_or_nothing);
#undef ADD

  return g_test_run ();
}
