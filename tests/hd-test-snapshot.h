/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A digest of every row of every table, for "a refused command changes nothing" checks (the
 * file's own bytes do not tell: in WAL mode a write goes to the -wal file first). Header-only. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

static inline char *
hd_test_snapshot (sqlite3 *db)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1",
                                              (const char *) g_ptr_array_index (tables, t));

      g_checksum_update (sum, g_ptr_array_index (tables, t), -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const unsigned char *text = sqlite3_column_text (stmt, c);
            char type = (char) ('0' + sqlite3_column_type (stmt, c));

            g_checksum_update (sum, (const guchar *) &type, 1);
            if (text != NULL)
              g_checksum_update (sum, text, sqlite3_column_bytes (stmt, c));
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (sum));
}
