/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Makes small .mbtiles files for the tests (header-only, static): SQLite for the file, cairo
 * for the PNG tiles. */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <sqlite3.h>

static cairo_status_t
hd_test_png_append (void                *closure,
                    const unsigned char *data,
                    unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A @size × @size PNG of one opaque colour. */
static inline GBytes *
hd_test_png_tile (double red,
                  double green,
                  double blue,
                  int    size)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size, size);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, red, green, blue);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, hd_test_png_append, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (png);
}

static inline void
hd_test_sql (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A new MBTiles file at @path with the tables and the metadata given as name, value pairs
 * (NULL-terminated). Close it with sqlite3_close(). */
static inline sqlite3 *
hd_test_mbtiles_new (const char *path,
                     ...)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *name;
  va_list args;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  hd_test_sql (db, "CREATE TABLE metadata (name TEXT, value TEXT);"
                   "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                   "                    tile_row INTEGER, tile_data BLOB);"
                   "CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO metadata VALUES (?, ?)", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  va_start (args, path);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  va_end (args);
  sqlite3_finalize (stmt);

  return db;
}

/* Stores @data at @zoom/@column/@tms_row: the row as MBTiles counts it, from the bottom. */
static inline void
hd_test_mbtiles_put (sqlite3 *db,
                     int      zoom,
                     int      column,
                     int      tms_row,
                     GBytes  *data)
{
  sqlite3_stmt *stmt = NULL;
  gsize size;
  gconstpointer bytes = g_bytes_get_data (data, &size);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, zoom);
  sqlite3_bind_int (stmt, 2, column);
  sqlite3_bind_int (stmt, 3, tms_row);
  sqlite3_bind_blob (stmt, 4, size > 0 ? bytes : "", (int) size, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}
