/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "hd-mbtiles.h"
#include "hd-test-mbtiles.h"
#include "hd-test-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dir = hd_test_dir_new ();
  fixture->path = g_build_filename (fixture->dir, "detail.mbtiles", NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->dir, hd_test_dir_free);
  g_free (fixture->path);
}

static void
test_sniff (void)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 };
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0 };
  static const guint8 webp[] = "RIFF\x10\0\0\0WEBPVP8 ";
  static const guint8 gzip[] = { 0x1f, 0x8b, 8, 0 };
  HdMbtilesFormat format;

  g_assert_true (hd_mbtiles_sniff_format (png, sizeof png, &format));
  g_assert_cmpint (format, ==, HD_MBTILES_FORMAT_PNG);
  g_assert_true (hd_mbtiles_sniff_format (jpeg, sizeof jpeg, &format));
  g_assert_cmpint (format, ==, HD_MBTILES_FORMAT_JPEG);
  g_assert_true (hd_mbtiles_sniff_format (webp, sizeof webp - 1, &format));
  g_assert_cmpint (format, ==, HD_MBTILES_FORMAT_WEBP);
  g_assert_false (hd_mbtiles_sniff_format (gzip, sizeof gzip, &format));
  /* Cut short: a PNG signature needs all eight bytes. */
  g_assert_false (hd_mbtiles_sniff_format (png, 7, &format));
  g_assert_false (hd_mbtiles_sniff_format (NULL, 0, &format));
}

static void
test_metadata (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GBytes) tile = hd_test_png_tile (1, 0, 0, 8);
  g_autoptr(HdMbtiles) mbtiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(GBytes) read = NULL;
  double west, south, east, north;
  sqlite3 *db;

  db = hd_test_mbtiles_new (fixture->path,
                            "name", "Gulou streets",
                            "format", "png",
                            "minzoom", "2",
                            "maxzoom", "5",
                            "bounds", "119.2, 26.0, 119.4,26.2",
                            "attribution", "© Gulou survey office",
                            NULL);
  hd_test_mbtiles_put (db, 2, 1, 1, tile);
  sqlite3_close (db);
  hash_before = hd_test_file_hash (fixture->path);

  mbtiles = hd_mbtiles_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hd_mbtiles_get_path (mbtiles), ==, fixture->path);
  g_assert_cmpstr (hd_mbtiles_get_name (mbtiles), ==, "Gulou streets");
  g_assert_cmpstr (hd_mbtiles_get_attribution (mbtiles), ==, "© Gulou survey office");
  g_assert_cmpint (hd_mbtiles_get_format (mbtiles), ==, HD_MBTILES_FORMAT_PNG);
  g_assert_cmpstr (hd_mbtiles_get_mime_type (mbtiles), ==, "image/png");
  g_assert_cmpint (hd_mbtiles_get_min_zoom (mbtiles), ==, 2);
  g_assert_cmpint (hd_mbtiles_get_max_zoom (mbtiles), ==, 5);
  g_assert_true (hd_mbtiles_get_bounds (mbtiles, &west, &south, &east, &north));
  g_assert_cmpfloat_with_epsilon (west, 119.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (south, 26.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (east, 119.4, 1e-9);
  g_assert_cmpfloat_with_epsilon (north, 26.2, 1e-9);

  /* z2, TMS row 1 = XYZ row 2^2 − 1 − 1 = 2. */
  read = hd_mbtiles_read_tile (mbtiles, 2, 1, 2, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, tile));
  g_clear_pointer (&mbtiles, hd_mbtiles_unref);

  /* Opened read-only and immutable: not a byte changed, no journal or WAL left beside it. */
  hash_after = hd_test_file_hash (fixture->path);
  g_assert_cmpstr (hash_before, ==, hash_after);
  journal = g_strconcat (fixture->path, "-journal", NULL);
  wal = g_strconcat (fixture->path, "-wal", NULL);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) tile = hd_test_png_tile (0, 1, 0, 8);
  g_autoptr(HdMbtiles) mbtiles = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  db = hd_test_mbtiles_new (fixture->path, "format", "png", NULL);
  hd_test_mbtiles_put (db, 0, 0, 0, tile);
  sqlite3_close (db);
  g_chmod (fixture->path, 0444);
  g_chmod (fixture->dir, 0555);

  /* A file on a read-only medium opens all the same. */
  mbtiles = hd_mbtiles_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mbtiles);
  g_chmod (fixture->dir, 0755);
}

static void
test_tms_flip (Fixture       *fixture,
               gconstpointer  data)
{
  const int zoom = 3;
  const int rows = 1 << zoom;
  g_autoptr(HdMbtiles) mbtiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  sqlite3 *db;

  db = hd_test_mbtiles_new (fixture->path, "format", "png", "minzoom", "3", "maxzoom", "3",
                            NULL);
  /* One distinct tile per TMS row of column 5. */
  for (int tms_row = 0; tms_row < rows; tms_row++)
    {
      GBytes *tile = hd_test_png_tile (tms_row / (double) rows, 0.5, 0, 4);

      g_ptr_array_add (tiles, tile);
      hd_test_mbtiles_put (db, zoom, 5, tms_row, tile);
    }
  sqlite3_close (db);

  mbtiles = hd_mbtiles_open (fixture->path, &error);
  g_assert_no_error (error);

  for (int y = 0; y < rows; y++)
    {
      g_autoptr(GBytes) read = hd_mbtiles_read_tile (mbtiles, zoom, 5, y, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (read, g_ptr_array_index (tiles, rows - 1 - y)));
      if (y != rows - 1 - y)
        g_assert_false (g_bytes_equal (read, g_ptr_array_index (tiles, y)));
    }
}

static void
test_from_tiles (Fixture       *fixture,
                 gconstpointer  data)
{
  static const guint8 jpeg_start[] = { 0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'J', 'F', 'I', 'F' };
  g_autoptr(GBytes) tile = g_bytes_new_static (jpeg_start, sizeof jpeg_start);
  g_autoptr(HdMbtiles) mbtiles = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  /* No format, zoom range, bounds or name in the metadata: all from the tiles and the file. */
  db = hd_test_mbtiles_new (fixture->path, "bounds", "garbage", NULL);
  hd_test_mbtiles_put (db, 4, 0, 0, tile);
  hd_test_mbtiles_put (db, 9, 0, 0, tile);
  sqlite3_close (db);

  mbtiles = hd_mbtiles_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hd_mbtiles_get_format (mbtiles), ==, HD_MBTILES_FORMAT_JPEG);
  g_assert_cmpint (hd_mbtiles_get_min_zoom (mbtiles), ==, 4);
  g_assert_cmpint (hd_mbtiles_get_max_zoom (mbtiles), ==, 9);
  g_assert_false (hd_mbtiles_get_bounds (mbtiles, NULL, NULL, NULL, NULL));
  g_assert_cmpstr (hd_mbtiles_get_name (mbtiles), ==, "detail");
  g_assert_null (hd_mbtiles_get_attribution (mbtiles));
}

static void
assert_refused (const char     *path,
                HdMbtilesError  code,
                const char     *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdMbtiles) mbtiles = hd_mbtiles_open (path, &error);
  g_autofree char *basename = g_path_get_basename (path);

  g_assert_null (mbtiles);
  g_assert_error (error, HD_MBTILES_ERROR, (int) code);
  /* The message names the file and says why. */
  g_assert_nonnull (strstr (error->message, basename));
  g_assert_nonnull (strstr (error->message, reason));
}

static void
test_refuse (Fixture       *fixture,
             gconstpointer  data)
{
  static const guint8 gzip[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0 };
  g_autoptr(GBytes) vector = g_bytes_new_static (gzip, sizeof gzip);
  g_autoptr(GBytes) png = hd_test_png_tile (0, 0, 1, 4);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.mbtiles", NULL);
  g_autofree char *text = g_build_filename (fixture->dir, "notes.mbtiles", NULL);
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.mbtiles", NULL);
  g_autofree char *pbf = g_build_filename (fixture->dir, "vector.mbtiles", NULL);
  g_autofree char *disguised = g_build_filename (fixture->dir, "disguised.mbtiles", NULL);
  g_autofree char *tiff = g_build_filename (fixture->dir, "tiff.mbtiles", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "empty.mbtiles", NULL);
  g_autofree char *liar = g_build_filename (fixture->dir, "liar.mbtiles", NULL);
  g_autofree char *cut = g_build_filename (fixture->dir, "cut.mbtiles", NULL);
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  sqlite3 *db;

  assert_refused (missing, HD_MBTILES_ERROR_NOT_FOUND, "does not exist");
  assert_refused (fixture->dir, HD_MBTILES_ERROR_NOT_SQLITE, "not a file");

  g_assert_true (g_file_set_contents (text, "These are not tiles, only notes.\n"
                                      "Padding so SQLite reads a whole header: "
                                      "0123456789012345678901234567890123456789"
                                      "0123456789012345678901234567890123456789", -1, NULL));
  hash_before = hd_test_file_hash (text);
  assert_refused (text, HD_MBTILES_ERROR_NOT_SQLITE, "not an SQLite database");
  hash_after = hd_test_file_hash (text);
  g_assert_cmpstr (hash_before, ==, hash_after);

  g_assert_cmpint (sqlite3_open (plain, &db), ==, SQLITE_OK);
  hd_test_sql (db, "CREATE TABLE things (a, b); INSERT INTO things VALUES (1, 2);");
  sqlite3_close (db);
  assert_refused (plain, HD_MBTILES_ERROR_NOT_MBTILES, "no metadata and tiles tables");

  db = hd_test_mbtiles_new (pbf, "format", "pbf", NULL);
  hd_test_mbtiles_put (db, 0, 0, 0, vector);
  sqlite3_close (db);
  assert_refused (pbf, HD_MBTILES_ERROR_VECTOR, "vector tiles");

  /* The metadata says png, the tiles are gzipped protobuf: still a vector file. */
  db = hd_test_mbtiles_new (disguised, "format", "png", NULL);
  hd_test_mbtiles_put (db, 0, 0, 0, vector);
  sqlite3_close (db);
  assert_refused (disguised, HD_MBTILES_ERROR_VECTOR, "vector tiles");

  db = hd_test_mbtiles_new (tiff, "format", "tiff", NULL);
  hd_test_mbtiles_put (db, 0, 0, 0, png);
  sqlite3_close (db);
  assert_refused (tiff, HD_MBTILES_ERROR_FORMAT, "“tiff”");

  db = hd_test_mbtiles_new (empty, "format", "png", NULL);
  sqlite3_close (db);
  assert_refused (empty, HD_MBTILES_ERROR_EMPTY, "no map tiles");

  /* Cut short (a copy that stopped half way): SQLite's own "malformed", with the file's name. */
  {
    g_autofree char *whole = g_build_filename (fixture->dir, "whole.mbtiles", NULL);
    g_autofree char *contents = NULL;
    gsize length;

    db = hd_test_mbtiles_new (whole, "format", "png", NULL);
    for (int x = 0; x < 64; x++)
      {
        g_autoptr(GBytes) tile = hd_test_png_tile (x / 64.0, 0, 0, 64);

        hd_test_mbtiles_put (db, 6, x, 0, tile);
      }
    sqlite3_close (db);
    g_assert_true (g_file_get_contents (whole, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 8192);
    g_assert_true (g_file_set_contents (cut, contents, 4096, NULL));
    assert_refused (cut, HD_MBTILES_ERROR_NOT_SQLITE, "damaged");
  }

  db = hd_test_mbtiles_new (liar, "format", "jpg", NULL);
  hd_test_mbtiles_put (db, 0, 0, 0, png);
  sqlite3_close (db);
  assert_refused (liar, HD_MBTILES_ERROR_FORMAT, "png images");
}

static void
test_bad_tiles (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) png = hd_test_png_tile (0, 0, 1, 4);
  g_autoptr(GBytes) nothing = g_bytes_new_static ("", 0);
  static const guint8 jpeg[] = { 0xff, 0xd8, 0xff, 0xe0 };
  g_autoptr(GBytes) other = g_bytes_new_static (jpeg, sizeof jpeg);
  g_autoptr(HdMbtiles) mbtiles = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  sqlite3 *db;

  db = hd_test_mbtiles_new (fixture->path, "format", "png", NULL);
  hd_test_mbtiles_put (db, 1, 0, 0, png);
  hd_test_mbtiles_put (db, 1, 1, 0, nothing);
  hd_test_mbtiles_put (db, 1, 1, 1, other);
  sqlite3_close (db);

  mbtiles = hd_mbtiles_open (fixture->path, &error);
  g_assert_no_error (error);

  /* XYZ y = 2 − 1 − TMS row. */
  read = hd_mbtiles_read_tile (mbtiles, 1, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, png));

  g_assert_null (hd_mbtiles_read_tile (mbtiles, 1, 1, 1, &error));
  g_assert_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_BAD_TILE);
  g_clear_error (&error);

  g_assert_null (hd_mbtiles_read_tile (mbtiles, 1, 1, 0, &error));
  g_assert_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_BAD_TILE);
  g_clear_error (&error);

  g_assert_null (hd_mbtiles_read_tile (mbtiles, 1, 0, 0, &error));
  g_assert_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NO_TILE);
  g_clear_error (&error);

  /* Outside the world: no tile, and no row maths on nonsense. */
  g_assert_null (hd_mbtiles_read_tile (mbtiles, 1, 2, 0, &error));
  g_assert_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NO_TILE);
  g_clear_error (&error);
  g_assert_null (hd_mbtiles_read_tile (mbtiles, 40, 0, 0, &error));
  g_assert_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NO_TILE);
  g_clear_error (&error);
  g_assert_null (hd_mbtiles_read_tile (mbtiles, 1, -1, 0, &error));
  g_assert_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NO_TILE);
}

typedef struct {
  HdMbtiles *mbtiles;
  GBytes    *expected;
} ThreadData;

static gpointer
read_many (gpointer user_data)
{
  ThreadData *data = user_data;

  for (int i = 0; i < 500; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) read = hd_mbtiles_read_tile (data->mbtiles, 2, i % 4, 3, &error);

      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (read, data->expected));
    }
  return NULL;
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GBytes) png = hd_test_png_tile (0.2, 0.4, 0.6, 16);
  g_autoptr(HdMbtiles) mbtiles = NULL;
  g_autoptr(GError) error = NULL;
  GThread *threads[4];
  ThreadData thread_data;
  sqlite3 *db;

  db = hd_test_mbtiles_new (fixture->path, "format", "png", NULL);
  for (int x = 0; x < 4; x++)
    hd_test_mbtiles_put (db, 2, x, 0, png);
  sqlite3_close (db);

  mbtiles = hd_mbtiles_open (fixture->path, &error);
  g_assert_no_error (error);
  thread_data.mbtiles = mbtiles;
  thread_data.expected = png;

  /* Tiles are read from shumate's worker threads at once. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("reader", read_many, &thread_data);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mbtiles/sniff", test_sniff);
  g_test_add ("/mbtiles/metadata", Fixture, NULL, fixture_setup, test_metadata,
              fixture_teardown);
  g_test_add ("/mbtiles/read-only-file", Fixture, NULL, fixture_setup, test_read_only_file,
              fixture_teardown);
  g_test_add ("/mbtiles/tms-flip", Fixture, NULL, fixture_setup, test_tms_flip,
              fixture_teardown);
  g_test_add ("/mbtiles/from-tiles", Fixture, NULL, fixture_setup, test_from_tiles,
              fixture_teardown);
  g_test_add ("/mbtiles/refuse", Fixture, NULL, fixture_setup, test_refuse, fixture_teardown);
  g_test_add ("/mbtiles/bad-tiles", Fixture, NULL, fixture_setup, test_bad_tiles,
              fixture_teardown);
  g_test_add ("/mbtiles/threads", Fixture, NULL, fixture_setup, test_threads,
              fixture_teardown);

  return g_test_run ();
}
