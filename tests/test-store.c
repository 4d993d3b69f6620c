/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "hd-geojson.h"
#include "hd-store-private.h"
#include "hd-test-sample.h"
#include "hd-test-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = hd_test_dir_new ();
  f->path = g_build_filename (f->dir, "work.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  hd_test_dir_free (f->dir);
  g_free (f->path);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static HdSite *
make_site (const char *name,
           double      lat,
           double      lon)
{
  HdSite *site = hd_site_new ();

  hd_site_set_name (site, name);
  hd_site_set_kind (site, HD_SITE_KIND_VENUE);
  hd_site_set_domain (site, HD_DOMAIN_TWO_NEW);
  if (!isnan (lat))
    hd_site_set_position (site, lat, lon);
  return site;
}

static HdBelt *
make_belt (const char *name)
{
  HdBelt *belt = hd_belt_new ();

  hd_belt_set_name (belt, name);
  hd_belt_set_stage (belt, HD_BELT_STAGE_FOUNDATION);
  hd_belt_set_start_year (belt, 2018);
  return belt;
}

/* ---------------------------------------------------------------------------------------- */

static void
test_open_creates (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "work.db", NULL);
  g_autoptr(HdStore) store = hd_store_open (nested, &error);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (nested, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_SCHEMA_VERSION);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_belts (store)), ==, 0);

  /* The built-in standard sets: five ones (5 items, belt), six haves (6, site), five basics (5). */
  db = hd_store_get_db (store);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                   "SELECT s.code, s.applies_to, count(i.id) FROM standard_set s"
                   " JOIN standard_item i ON i.set_id = s.id GROUP BY s.id ORDER BY s.code",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "five_basics");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 5);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "five_ones");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "belt");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 5);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "six_haves");
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 6);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_migrate_empty_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;

  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  store = hd_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_SCHEMA_VERSION);
}

static void
test_migrate_v1 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) site = make_site ("鼓楼大厦党建工作站", 26.08, 119.29);
  g_autofree char *id = NULL;
  g_autofree const char **found = NULL;

  {
    g_autoptr(HdStore) v1 = hd_store_open_at_version (f->path, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpint (hd_store_get_schema_version (v1), ==, 1);
    g_assert_true (hd_store_save_site (v1, site, &error));
    g_assert_no_error (error);
    id = g_strdup (hd_site_get_id (site));
    /* No R*Tree yet in version 1. */
    g_assert_cmpint (sqlite3_exec (hd_store_get_db (v1), "SELECT * FROM site_rtree", NULL, NULL, NULL),
                     !=, SQLITE_OK);
  }

  {
    g_autoptr(HdStore) store = hd_store_open (f->path, &error);
    HdSite *loaded;

    g_assert_no_error (error);
    g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_SCHEMA_VERSION);
    loaded = hd_store_lookup_site (store, id);
    g_assert_nonnull (loaded);
    g_assert_cmpstr (hd_site_get_name (loaded), ==, "鼓楼大厦党建工作站");
    /* The migration filled the R*Tree from the existing rows. */
    found = hd_store_query_sites_in_box (store, 26.0, 119.2, 26.1, 119.3, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length ((GStrv) found), ==, 1);
    g_assert_cmpstr (found[0], ==, id);
  }
}

static int
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* Version 3 adds inspection summaries, computed for inspections finished before it, and the
 * settings table. */
static void
test_migrate_v2 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdSite) site = make_site ("鼓楼大厦党建工作站", 26.08, 119.29);
  g_autofree char *sql = NULL;

  {
    g_autoptr(HdStore) v2 = hd_store_open_at_version (f->path, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpint (hd_store_get_schema_version (v2), ==, 2);
    g_assert_true (hd_store_save_site (v2, site, &error));
    g_assert_no_error (error);
  }
  /* A finished six-haves inspection with two items partly / not met and one n.a., and a draft,
   * written the way a version 2 program would have. */
  sql = g_strdup_printf (
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, score, light, created, modified)"
    " VALUES ('i1', '%1$s', '2000091c-2e81-43ca-8216-a96c8512f9bb', '王敏', '2026-01-10', 'finished',"
    "         70, 'yellow', '2026-01-10T02:00:00Z', '2026-01-10T03:00:00Z'),"
    "        ('i2', '%1$s', '2000091c-2e81-43ca-8216-a96c8512f9bb', '王敏', '2026-02-10', 'draft',"
    "         NULL, NULL, '2026-02-10T02:00:00Z', '2026-02-10T02:00:00Z');"
    "INSERT INTO inspection_result (inspection_id, item_id, answer, modified)"
    " SELECT 'i1', id, CASE code WHEN 'flag' THEN 'partly' WHEN 'reading' THEN 'not_met'"
    "                  WHEN 'rules' THEN 'na' ELSE 'met' END, '2026-01-10T02:00:00Z'"
    " FROM standard_item WHERE set_id = '2000091c-2e81-43ca-8216-a96c8512f9bb';"
    "INSERT INTO inspection_result (inspection_id, item_id, answer, modified)"
    " SELECT 'i2', id, 'not_met', '2026-02-10T02:00:00Z'"
    " FROM standard_item WHERE set_id = '2000091c-2e81-43ca-8216-a96c8512f9bb';",
    hd_site_get_id (site));
  exec_sql (f->path, sql);

  {
    g_autoptr(HdStore) store = hd_store_open (f->path, &error);
    sqlite3 *db;

    g_assert_no_error (error);
    g_assert_cmpint (hd_store_get_schema_version (store), ==, HD_SCHEMA_VERSION);
    db = hd_store_get_db (store);
    g_assert_cmpint (count_rows (db, "SELECT n_met FROM inspection WHERE id = 'i1'"), ==, 3);
    g_assert_cmpint (count_rows (db, "SELECT n_partly FROM inspection WHERE id = 'i1'"), ==, 1);
    g_assert_cmpint (count_rows (db, "SELECT n_not_met FROM inspection WHERE id = 'i1'"), ==, 1);
    g_assert_cmpint (count_rows (db, "SELECT n_na FROM inspection WHERE id = 'i1'"), ==, 1);
    g_assert_cmpint (count_rows (db, "SELECT red_lines_hit FROM inspection WHERE id = 'i1'"), ==, 0);
    g_assert_cmpint (count_rows (db, "SELECT finished = modified FROM inspection WHERE id = 'i1'"), ==, 1);
    /* A draft has no summary yet. */
    g_assert_cmpint (count_rows (db, "SELECT n_not_met + (finished IS NOT NULL) FROM inspection WHERE id = 'i2'"),
                     ==, 0);
    g_assert_cmpint (count_rows (db, "SELECT count(*) FROM setting WHERE"
                                     " (key = 'light.red_threshold' AND value = '60')"
                                     " OR (key = 'time_zone' AND value = 'Asia/Shanghai')"), ==, 2);
    g_assert_cmpint (count_rows (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                     " AND name IN ('inspection_latest_site', 'rectification_open_site')"),
                     ==, 2);
    g_assert_cmpint (count_rows (db, "SELECT count(*) FROM inspection_result"), ==, 12);
  }
}

/* Each refusal leaves the file byte for byte as it was. */
static void
assert_refused (const char *path,
                int         code)
{
  g_autofree char *before = hd_test_file_hash (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (path, &error);
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_null (store);
  g_assert_error (error, HD_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, "work.db"));
  after = hd_test_file_hash (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HdStore) store = hd_store_open (f->path, &error);
    g_assert_no_error (error);
  }
  exec_sql (f->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
  assert_refused (f->path, HD_STORE_ERROR_NEWER_VERSION);
}

static void
test_refuse_not_database (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (int i = 0; i < 200; i++)
    g_string_append (text, "这不是数据库 this is not a database\n");
  g_assert_true (g_file_set_contents (f->path, text->str, text->len, NULL));
  assert_refused (f->path, HD_STORE_ERROR_NOT_A_DATABASE);

  /* A short file too. */
  g_assert_true (g_file_set_contents (f->path, "hello", 5, NULL));
  assert_refused (f->path, HD_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_other_program (Fixture       *f,
                           gconstpointer  data)
{
  exec_sql (f->path, "CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)");
  assert_refused (f->path, HD_STORE_ERROR_NOT_A_DATABASE);
}

static void
test_refuse_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HdStore) store = hd_store_open (f->path, &error);

    g_assert_no_error (error);
    for (int i = 0; i < 300; i++)
      {
        g_autoptr(HdSite) site = make_site ("示范点", 26.0 + i * 0.001, 119.3);
        g_assert_true (hd_store_save_site (store, site, &error));
      }
  }
  exec_sql (f->path, "PRAGMA journal_mode = DELETE");
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4096 * 8);
  /* Scribble over the middle pages, keeping the header valid. */
  for (gsize i = 4096 * 3; i < length - 4096; i += 7)
    contents[i] = (char) (i * 31);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  assert_refused (f->path, HD_STORE_ERROR_CORRUPT);
}

/* The same in WAL mode, as the app writes it: its integrity check runs alongside the reading
 * of the workspace, and still refuses it as damaged without changing it. */
static void
test_refuse_corrupt_wal (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(HdStore) store = hd_store_open (f->path, &error);

    g_assert_no_error (error);
    for (int i = 0; i < 300; i++)
      {
        g_autoptr(HdSite) site = make_site ("示范点", 26.0 + i * 0.001, 119.3);
        g_assert_true (hd_store_save_site (store, site, &error));
      }
  }
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  /* Written in WAL mode (file format versions 2). */
  g_assert_cmpint (contents[18], ==, 2);
  g_assert_cmpint (contents[19], ==, 2);
  g_assert_cmpuint (length, >, 4096 * 8);
  for (gsize i = 4096 * 3; i < length - 4096; i += 7)
    contents[i] = (char) (i * 31);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  assert_refused (f->path, HD_STORE_ERROR_CORRUPT);
}

static void
test_refuse_read_only (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *inside = g_build_filename (sub, "work.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;

  {
    g_autoptr(HdStore) created = hd_store_open (f->path, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  assert_refused (f->path, HD_STORE_ERROR_READ_ONLY);

  /* A new workspace in a folder nobody may write. */
  g_assert_cmpint (g_mkdir (sub, 0555), ==, 0);
  store = hd_store_open (inside, &error);
  g_assert_null (store);
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_READ_ONLY);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_chmod (sub, 0755);
  g_rmdir (sub);
}

/* ---------------------------------------------------------------------------------------- */

typedef struct {
  guint kinds;
  GPtrArray *ids;
  guint count;
} Changes;

static void
on_changed (HdStore    *store,
            guint       kinds,
            char      **ids,
            Changes    *changes)
{
  changes->kinds |= kinds;
  changes->count++;
  for (guint i = 0; ids[i] != NULL; i++)
    g_ptr_array_add (changes->ids, g_strdup (ids[i]));
}

static gboolean
ptr_array_has_str (GPtrArray  *array,
                   const char *str)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), str) == 0)
      return TRUE;
  return FALSE;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_site_crud (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (f->path, &error);
  g_autoptr(HdSite) site = make_site ("海峡金融广场党群服务站", 26.06, 119.31);
  g_autoptr(HdSite) edit = NULL;
  Changes changes = { 0, g_ptr_array_new_with_free_func (g_free), 0 };
  HdSite *in_model;
  guint notifies = 0;
  const char *ids[2] = { NULL, NULL };
  g_autofree char *created = NULL;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &changes);
  g_assert_null (hd_site_get_id (site));
  g_assert_true (hd_store_save_site (store, site, &error));
  g_assert_no_error (error);
  g_assert_nonnull (hd_site_get_id (site));
  g_assert_true (g_uuid_string_is_valid (hd_site_get_id (site)));
  g_assert_nonnull (hd_site_get_created (site));
  created = g_strdup (hd_site_get_created (site));
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (changes.kinds, ==, HD_CHANGE_SITES);
  g_assert_true (ptr_array_has_str (changes.ids, hd_site_get_id (site)));

  in_model = hd_store_lookup_site (store, hd_site_get_id (site));
  g_assert_nonnull (in_model);
  g_assert_true (in_model != site);  /* the model keeps its own object */
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (store)), ==, 1);
  g_assert_cmpfloat_with_epsilon (hd_site_get_latitude (in_model), 26.06, 1e-12);

  /* Update through a copy: the model's object changes in place and notifies. */
  g_signal_connect (in_model, "notify::name", G_CALLBACK (count_notify), &notifies);
  edit = hd_site_new ();
  hd_site_copy_from (edit, in_model);
  hd_site_set_name (edit, "海峡金融广场党群服务中心");
  hd_site_set_members (edit, 42);
  g_assert_true (hd_store_save_site (store, edit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (store)), ==, 1);
  g_assert_true (hd_store_lookup_site (store, hd_site_get_id (site)) == in_model);
  g_assert_cmpstr (hd_site_get_name (in_model), ==, "海峡金融广场党群服务中心");
  g_assert_cmpint (hd_site_get_members (in_model), ==, 42);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpstr (hd_site_get_created (in_model), ==, created);

  /* Invalid: nothing written, model unchanged. */
  hd_site_set_name (edit, "   ");
  g_assert_false (hd_store_save_site (store, edit, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (hd_site_get_name (in_model), ==, "海峡金融广场党群服务中心");
  hd_site_set_name (edit, "坐标错误");
  hd_site_set_position (edit, 95.0, 119.0);
  g_assert_false (hd_store_save_site (store, edit, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpfloat_with_epsilon (hd_site_get_latitude (in_model), 26.06, 1e-12);

  ids[0] = hd_site_get_id (site);
  changes.count = 0;
  g_assert_true (hd_store_delete_sites (store, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (store)), ==, 0);
  g_assert_null (hd_store_lookup_site (store, ids[0]));

  /* Deleting it again: not found. */
  g_assert_false (hd_store_delete_sites (store, ids, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_ptr_array_unref (changes.ids);
}

static void
test_belt_route (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (f->path, &error);
  g_autoptr(HdBelt) belt = make_belt ("南江滨两新党建示范带");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) route = NULL;
  g_auto(GStrv) on = NULL;
  HdBelt *in_model;
  const char *twice[3];
  const char *gone[2] = { NULL, NULL };

  g_assert_true (hd_store_save_belt (store, belt, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 9; i++)
    {
      g_autofree char *name = g_strdup_printf ("南江滨示范点%d", i + 1);
      g_autoptr(HdSite) site = make_site (name, 26.03 + i * 0.002, 119.32);

      g_assert_true (hd_store_save_site (store, site, &error));
      /* Reverse order, to see the route keeps the order given, not the order made. */
      g_ptr_array_insert (ids, 0, g_strdup (hd_site_get_id (site)));
    }
  g_ptr_array_add (ids, NULL);
  g_assert_true (hd_store_set_belt_route (store, hd_belt_get_id (belt),
                                          (const char * const *) ids->pdata, &error));
  g_assert_no_error (error);
  in_model = hd_store_lookup_belt (store, hd_belt_get_id (belt));
  g_assert_cmpint (hd_belt_get_site_count (in_model), ==, 9);
  route = hd_store_dup_belt_route (store, hd_belt_get_id (belt));
  g_assert_cmpuint (g_strv_length (route), ==, 9);
  for (guint i = 0; i < 9; i++)
    g_assert_cmpstr (route[i], ==, g_ptr_array_index (ids, i));
  on = hd_store_dup_site_belts (store, route[0]);
  g_assert_cmpuint (g_strv_length (on), ==, 1);
  g_assert_cmpstr (on[0], ==, hd_belt_get_id (belt));

  /* A site twice on a route: refused, the route stays. */
  twice[0] = route[0];
  twice[1] = route[0];
  twice[2] = NULL;
  g_assert_false (hd_store_set_belt_route (store, hd_belt_get_id (belt), twice, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (hd_belt_get_site_count (in_model), ==, 9);

  /* Deleting a site shortens the route and the belt's count follows. */
  gone[0] = route[4];
  g_assert_true (hd_store_delete_sites (store, gone, &error));
  g_assert_cmpint (hd_belt_get_site_count (in_model), ==, 8);

  /* Deleting the belt keeps its sites. */
  g_assert_true (hd_store_delete_belt (store, hd_belt_get_id (belt), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_belts (store)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (store)), ==, 8);
}

static void
test_regions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (f->path, &error);
  g_autoptr(HdRegion) city = hd_region_new ();
  g_autoptr(HdRegion) district = hd_region_new ();
  g_autoptr(HdSite) site = make_site ("鼓楼示范点", 26.08, 119.29);
  g_autoptr(HdRegion) loop = hd_region_new ();

  hd_region_set_name (city, "福州市");
  hd_region_set_level (city, HD_REGION_LEVEL_CITY);
  g_assert_true (hd_store_save_region (store, city, &error));
  hd_region_set_name (district, "鼓楼区");
  hd_region_set_parent_id (district, hd_region_get_id (city));
  g_assert_true (hd_store_save_region (store, district, &error));
  g_assert_no_error (error);

  hd_site_set_region_id (site, hd_region_get_id (district));
  g_assert_true (hd_store_save_site (store, site, &error));

  /* A region with sites, or with sub-regions, stays. */
  g_assert_false (hd_store_delete_region (store, hd_region_get_id (district), &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_false (hd_store_delete_region (store, hd_region_get_id (city), &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_IN_USE);
  g_clear_error (&error);

  /* The city cannot move below its own district. */
  hd_region_copy_from (loop, city);
  hd_region_set_parent_id (loop, hd_region_get_id (district));
  g_assert_false (hd_store_save_region (store, loop, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A site in a region that does not exist. */
  hd_site_set_region_id (site, "no-such-region");
  g_assert_false (hd_store_save_site (store, site, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (hd_site_get_region_id (hd_store_lookup_site (store, hd_site_get_id (site))), ==,
                   hd_region_get_id (district));
}

static void
test_plan (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (f->path, &error);
  g_autoptr(HdPlan) plan = hd_plan_new ();
  HdPlan *in_model;

  hd_plan_set_title (plan, "金湾区加强党的基层组织建设三年行动计划");
  hd_plan_set_first_year (plan, 2018);
  hd_plan_set_theme1 (plan, "规范化建设");
  hd_plan_set_theme2 (plan, "组织力提升");
  hd_plan_set_theme3 (plan, "基层党建全面进步全面过硬");
  g_assert_true (hd_store_save_plan (store, plan, &error));
  g_assert_no_error (error);
  in_model = hd_store_lookup_plan (store, hd_plan_get_id (plan));
  g_assert_cmpstr (hd_plan_get_theme2 (in_model), ==, "组织力提升");

  hd_plan_set_first_year (plan, 1800);
  g_assert_false (hd_store_save_plan (store, plan, &error));
  g_assert_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID);
  g_assert_cmpint (hd_plan_get_first_year (in_model), ==, 2018);
}

/* ---------------------------------------------------------------------------------------- */

static HdImportBatch *
batch_with_belt_and_sites (const char *belt_name,
                           guint       n_sites,
                           const char *bad_belt_ref_at_last)
{
  HdImportBatch *batch = hd_import_batch_new ();
  HdBelt *belt = make_belt (belt_name);
  g_autofree char *belt_id = hd_new_id ();
  HdImportItem *item;

  hd_belt_set_id (belt, belt_id);
  item = hd_import_batch_add (batch, HD_IMPORT_ITEM_BELT, "test.geojson", 0, G_OBJECT (belt));
  item->region_ref = g_strdup ("台江区");
  for (guint i = 0; i < n_sites; i++)
    {
      g_autofree char *name = g_strdup_printf ("金融街示范点%u", i + 1);
      g_autofree char *id = hd_new_id ();
      HdSite *site = make_site (name, 26.05 + i * 0.001, 119.31);

      hd_site_set_id (site, id);
      item = hd_import_batch_add (batch, HD_IMPORT_ITEM_SITE, "test.geojson", i + 1, G_OBJECT (site));
      item->region_ref = g_strdup ("台江区");
      hd_import_item_add_belt_ref (item,
                                   (i == n_sites - 1 && bad_belt_ref_at_last) ? bad_belt_ref_at_last : belt_name,
                                   (int) (n_sites - i));
    }
  return batch;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (f->path, &error);
  g_autoptr(HdImportBatch) batch = batch_with_belt_and_sites ("海峡金融商务区党建示范带", 8, NULL);
  g_auto(HdImportSummary) summary = { 0 };
  HdBelt *belt;
  g_auto(GStrv) route = NULL;
  Changes changes = { 0, g_ptr_array_new_with_free_func (g_free), 0 };

  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &changes);

  /* Dry run: full check, nothing written, no signal. */
  g_assert_true (hd_store_import (store, batch, TRUE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.sites_added, ==, 8);
  g_assert_cmpuint (summary.belts_added, ==, 1);
  g_assert_cmpuint (summary.regions_added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (store)), ==, 0);
  g_assert_cmpuint (changes.count, ==, 0);
  hd_import_summary_clear (&summary);

  g_assert_true (hd_store_import (store, batch, FALSE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (store)), ==, 8);
  g_assert_cmpuint (summary.memberships_added, ==, 8);
  /* "台江区" was named but not defined: made, and reported. */
  g_assert_cmpuint (summary.regions_created->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (summary.regions_created, 0), ==, "台江区");
  g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_regions (store)), ==, 1);

  belt = g_list_model_get_item (hd_store_get_belts (store), 0);
  g_assert_cmpint (hd_belt_get_site_count (belt), ==, 8);
  /* The orders were n..1: the last site in the file is first on the route. */
  route = hd_store_dup_belt_route (store, hd_belt_get_id (belt));
  g_assert_cmpstr (hd_site_get_name (hd_store_lookup_site (store, route[0])), ==, "金融街示范点8");
  g_assert_cmpstr (hd_site_get_name (hd_store_lookup_site (store, route[7])), ==, "金融街示范点1");
  g_object_unref (belt);

  /* The same ids again: refused as duplicates. */
  g_clear_pointer (&batch, hd_import_batch_free);
  batch = batch_with_belt_and_sites ("另一条带", 2, NULL);
  g_assert_true (hd_store_import (store, batch, FALSE, NULL, &error));
  g_assert_false (hd_store_import (store, batch, FALSE, NULL, &error));
  g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_DUPLICATE_ID);
  g_assert_nonnull (strstr (error->message, "test.geojson"));
  g_assert_nonnull (strstr (error->message, "feature 0"));
  g_ptr_array_unref (changes.ids);
}

/* A failed import leaves the database file exactly as it was. */
static void
test_import_atomic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  {
    g_autoptr(HdStore) store = hd_store_open (f->path, &error);
    g_autoptr(HdImportBatch) batch = batch_with_belt_and_sites ("楼宇党建示范带", 8, NULL);

    g_assert_true (hd_store_import (store, batch, FALSE, NULL, &error));
    g_assert_no_error (error);
  }
  before = hd_test_file_hash (f->path);
  g_assert_nonnull (before);

  {
    g_autoptr(HdStore) store = hd_store_open (f->path, &error);
    /* 500 good sites, then one that names a belt nobody has: the whole batch must go. */
    g_autoptr(HdImportBatch) batch = batch_with_belt_and_sites ("新的示范带", 501, "不存在的示范带");

    g_assert_false (hd_store_import (store, batch, FALSE, NULL, &error));
    g_assert_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_UNRESOLVED);
    g_assert_nonnull (strstr (error->message, "feature 501"));
    g_assert_nonnull (strstr (error->message, "不存在的示范带"));
    g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_sites (store)), ==, 8);
    g_assert_cmpuint (g_list_model_get_n_items (hd_store_get_belts (store)), ==, 1);
  }
  after = hd_test_file_hash (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_stats_and_check (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (f->path, &error);
  g_autoptr(HdImportBatch) batch = batch_with_belt_and_sites ("楼宇党建示范带", 8, NULL);
  g_autoptr(HdImportBatch) small = batch_with_belt_and_sites ("金湾区党建示范带", 3, NULL);
  g_autoptr(HdSite) nowhere = make_site ("坐标未知的示范点", NAN, NAN);
  g_autoptr(HdSite) dup = make_site ("金融街示范点1", 26.0, 119.0);
  g_autoptr(HdStats) stats = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_auto(GStrv) route = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) longer = NULL;
  HdBelt *big;
  guint kinds[4] = { 0 };

  g_assert_true (hd_store_import (store, batch, FALSE, NULL, &error));
  g_assert_true (hd_store_import (store, small, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (hd_store_save_site (store, nowhere, &error));
  g_assert_true (hd_store_save_site (store, dup, &error));

  stats = hd_store_collect_stats (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->n_belts, ==, 2);
  g_assert_cmpuint (stats->n_sites, ==, 13);
  g_assert_cmpuint (stats->by_kind[HD_SITE_KIND_VENUE], ==, 13);
  g_assert_cmpuint (stats->by_domain[HD_DOMAIN_TWO_NEW], ==, 13);
  g_assert_cmpuint (stats->belts_under_min, ==, 1);
  g_assert_cmpuint (stats->sites_without_position, ==, 1);
  g_assert_cmpuint (stats->sites_on_no_belt, ==, 2);
  g_assert_cmpuint (stats->per_belt->len, ==, 2);
  g_assert_cmpuint (g_array_index (stats->per_belt, HdStatsRow, 0).sites, ==, 8);
  g_assert_cmpuint (g_array_index (stats->per_belt, HdStatsRow, 1).sites, ==, 3);
  /* One region (台江区, made by the first import and found by name in the second) + no-region row. */
  g_assert_cmpuint (stats->by_region->len, ==, 2);
  g_assert_cmpstr (g_array_index (stats->by_region, HdStatsRow, 0).name, ==, "台江区");
  g_assert_cmpuint (g_array_index (stats->by_region, HdStatsRow, 0).sites, ==, 11);
  g_assert_cmpuint (g_array_index (stats->by_region, HdStatsRow, 0).belts, ==, 2);
  g_assert_null (g_array_index (stats->by_region, HdStatsRow, 1).name);
  g_assert_cmpuint (g_array_index (stats->by_region, HdStatsRow, 1).sites, ==, 2);

  /* Put the duplicate-named site on the big belt. */
  big = g_list_model_get_item (hd_store_get_belts (store), 0);
  route = hd_store_dup_belt_route (store, hd_belt_get_id (big));
  g_strv_builder_addv (builder, (const char **) route);
  g_strv_builder_add (builder, hd_site_get_id (dup));
  longer = g_strv_builder_end (builder);
  g_assert_true (hd_store_set_belt_route (store, hd_belt_get_id (big), (const char * const *) longer, &error));
  g_object_unref (big);

  problems = hd_store_check (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    kinds[((HdProblem *) g_ptr_array_index (problems, i))->kind]++;
  g_assert_cmpuint (kinds[HD_PROBLEM_INTEGRITY], ==, 0);
  g_assert_cmpuint (kinds[HD_PROBLEM_BELT_UNDER_MIN], ==, 1);
  g_assert_cmpuint (kinds[HD_PROBLEM_SITE_NO_POSITION], ==, 1);
  g_assert_cmpuint (kinds[HD_PROBLEM_DUPLICATE_IN_BELT], ==, 1);
}

static void
test_box_query (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (f->path, &error);
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_autofree const char **found = NULL;
  guint expected = 0;
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 2000; i++)
    {
      double lat = g_rand_double_range (rand, 20.0, 30.0);
      double lon = g_rand_double_range (rand, 110.0, 120.0);
      g_autofree char *id = hd_new_id ();
      HdSite *site = make_site ("示范点", lat, lon);

      hd_site_set_id (site, id);
      hd_import_batch_add (batch, HD_IMPORT_ITEM_SITE, "gen", i, G_OBJECT (site));
      if (lat >= 25.0 && lat <= 26.0 && lon >= 115.0 && lon <= 116.5)
        expected++;
    }
  g_rand_free (rand);
  g_assert_true (hd_store_import (store, batch, FALSE, NULL, &error));
  g_assert_no_error (error);

  found = hd_store_query_sites_in_box (store, 25.0, 115.0, 26.0, 116.5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected, >, 10);
  g_assert_cmpuint (g_strv_length ((GStrv) found), ==, expected);
  for (guint i = 0; found[i] != NULL; i++)
    {
      HdSite *site = hd_store_lookup_site (store, found[i]);

      g_assert_cmpfloat (hd_site_get_latitude (site), >=, 25.0);
      g_assert_cmpfloat (hd_site_get_latitude (site), <=, 26.0);
      g_assert_cmpfloat (hd_site_get_longitude (site), >=, 115.0);
      g_assert_cmpfloat (hd_site_get_longitude (site), <=, 116.5);
    }

  /* Moving a site out of the box, deleting another and adding a new one inside: the next query
   * follows all three. */
  {
    g_autoptr(HdSite) moved = hd_site_new ();
    g_autoptr(HdSite) added = NULL;
    const char *gone[2] = { found[1], NULL };
    g_autofree const char **again = NULL;

    hd_site_copy_from (moved, hd_store_lookup_site (store, found[0]));
    hd_site_set_position (moved, 40.0, 100.0);
    g_assert_true (hd_store_save_site (store, moved, &error));
    g_assert_true (hd_store_delete_sites (store, gone, &error));
    added = make_site ("新示范点", 25.5, 116.0);
    g_assert_true (hd_store_save_site (store, added, &error));
    g_assert_no_error (error);
    again = hd_store_query_sites_in_box (store, 25.0, 115.0, 26.0, 116.5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length ((GStrv) again), ==, expected - 2 + 1);
    g_assert_true (g_strv_contains ((const char * const *) again, hd_site_get_id (added)));
    g_assert_false (g_strv_contains ((const char * const *) again, hd_site_get_id (moved)));
  }

  /* The key is a pure function of the id, so the same site has the same key on every laptop. */
  g_assert_cmpint (hd_site_pos_key ("81872082-2f31-40a7-a000-f9e1ad148b68"), ==,
                   hd_site_pos_key ("81872082-2f31-40a7-a000-f9e1ad148b68"));
  g_assert_cmpint (hd_site_pos_key ("a"), !=, hd_site_pos_key ("b"));
  g_assert_cmpint (hd_site_pos_key ("a"), >=, 0);
}

/* The R*Tree's boxes are 32-bit floats: sites a hair either side of the window's edges share a
 * box, and only their exact positions tell them apart. Reopened, so the key index is the one
 * made while reading the sites at open. */
static void
test_box_query_edges (Fixture       *f,
                      gconstpointer  data)
{
  static const struct { double lat, lon; gboolean inside; } places[] = {
    { 25.5, 115.0 - 1e-9, FALSE }, { 25.5, 115.0, TRUE }, { 25.5, 115.0 + 1e-9, TRUE },
    { 25.5, 116.5 + 1e-9, FALSE }, { 25.5, 116.5, TRUE }, { 25.5, 116.5 - 1e-9, TRUE },
    { 25.0 - 1e-9, 116.0, FALSE }, { 25.0 + 1e-9, 116.0, TRUE },
    { 26.0 + 1e-9, 116.0, FALSE }, { 26.0 - 1e-9, 116.0, TRUE },
    { 25.5, 115.75, TRUE }, { 27.0, 115.75, FALSE },
  };
  g_autoptr(GPtrArray) inside = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(HdStore) store = hd_store_open (f->path, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (places); i++)
      {
        g_autoptr(HdSite) site = make_site ("示范点", places[i].lat, places[i].lon);

        g_assert_true (hd_store_save_site (store, site, &error));
        g_assert_no_error (error);
        if (places[i].inside)
          g_ptr_array_add (inside, g_strdup (hd_site_get_id (site)));
      }
  }

  {
    g_autoptr(HdStore) store = hd_store_open (f->path, &error);
    g_autofree const char **found = NULL;
    g_autofree const char **none = NULL;

    g_assert_no_error (error);
    found = hd_store_query_sites_in_box (store, 25.0, 115.0, 26.0, 116.5, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length ((GStrv) found), ==, inside->len);
    for (guint i = 0; i < inside->len; i++)
      g_assert_true (g_strv_contains ((const char * const *) found,
                                      g_ptr_array_index (inside, i)));

    /* An empty window finds nothing, and gives an empty list, not NULL. */
    none = hd_store_query_sites_in_box (store, 10.0, 10.0, 10.5, 10.5, &error);
    g_assert_no_error (error);
    g_assert_nonnull (none);
    g_assert_cmpuint (g_strv_length ((GStrv) none), ==, 0);
  }
}

static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = hd_store_open (f->path, &error);
  g_autoptr(GHashTable) in_files = hd_test_sample_sites_per_belt ();
  GListModel *belts;
  guint full = 0;

  g_assert_true (hd_store_load_sample (store, &error));
  g_assert_no_error (error);
  belts = hd_store_get_belts (store);
  /* Every belt of the files, each with the route its sites name. */
  g_assert_cmpuint (g_list_model_get_n_items (belts), ==, g_hash_table_size (in_files));
  for (guint i = 0; i < g_list_model_get_n_items (belts); i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);

      g_assert_true (g_hash_table_contains (in_files, hd_belt_get_name (belt)));
      g_assert_cmpuint (hd_belt_get_site_count (belt), ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (in_files, hd_belt_get_name (belt))));
      if (hd_belt_get_site_count (belt) >= HD_BELT_MIN_SITES)
        full++;
    }
  /* The sample is a city that meets the plan's targets: 10+ belts of 8+ sites (issue #6). */
  g_assert_cmpuint (full, ==, hd_test_sample_belts_with_sites (HD_BELT_MIN_SITES));
  g_assert_cmpuint (full, >=, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/store/open/creates", test_open_creates);
  ADD ("/store/open/migrate-empty-file", test_migrate_empty_file);
  ADD ("/store/open/migrate-v1", test_migrate_v1);
  ADD ("/store/open/migrate-v2", test_migrate_v2);
  ADD ("/store/open/refuse-newer", test_refuse_newer);
  ADD ("/store/open/refuse-not-database", test_refuse_not_database);
  ADD ("/store/open/refuse-other-program", test_refuse_other_program);
  ADD ("/store/open/refuse-corrupt", test_refuse_corrupt);
  ADD ("/store/open/refuse-corrupt-wal", test_refuse_corrupt_wal);
  ADD ("/store/open/refuse-read-only", test_refuse_read_only);
  ADD ("/store/site/crud", test_site_crud);
  ADD ("/store/belt/route", test_belt_route);
  ADD ("/store/region/rules", test_regions);
  ADD ("/store/plan/save", test_plan);
  ADD ("/store/import/basic", test_import);
  ADD ("/store/import/atomic", test_import_atomic);
  ADD ("/store/stats-and-check", test_stats_and_check);
  ADD ("/store/box-query", test_box_query);
  ADD ("/store/box-query/edges", test_box_query_edges);
  ADD ("/store/sample", test_sample);
#undef ADD

  return g_test_run ();
}
