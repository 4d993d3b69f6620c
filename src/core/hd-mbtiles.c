/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-mbtiles"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "hd-mbtiles.h"

G_DEFINE_QUARK (hd-mbtiles-error-quark, hd_mbtiles_error)

struct _HdMbtiles
{
  gatomicrefcount  ref_count;

  char            *path;
  char            *display_name;   /* for messages: the file's name as people see it */
  char            *name;
  char            *attribution;
  HdMbtilesFormat  format;
  int              min_zoom;
  int              max_zoom;
  gboolean         has_bounds;
  double           west, south, east, north;

  GMutex           lock;           /* guards db and tile_stmt */
  sqlite3         *db;
  sqlite3_stmt    *tile_stmt;
};

/* Tile zooms beyond this are nonsense (2^30 rows); it also keeps the row maths in range. */
#define MAX_TILE_ZOOM 30

static const char *mime_types[] = {
  [HD_MBTILES_FORMAT_PNG] = "image/png",
  [HD_MBTILES_FORMAT_JPEG] = "image/jpeg",
  [HD_MBTILES_FORMAT_WEBP] = "image/webp",
};

gboolean
hd_mbtiles_sniff_format (const guint8    *data,
                         gsize            size,
                         HdMbtilesFormat *format)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  if (size >= sizeof png && memcmp (data, png, sizeof png) == 0)
    *format = HD_MBTILES_FORMAT_PNG;
  else if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    *format = HD_MBTILES_FORMAT_JPEG;
  else if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    *format = HD_MBTILES_FORMAT_WEBP;
  else
    return FALSE;

  return TRUE;
}

/* Vector tiles are protobuf, usually gzip- or zlib-compressed. */
static gboolean
looks_compressed (const guint8 *data,
                  gsize         size)
{
  return size >= 2 && ((data[0] == 0x1f && data[1] == 0x8b) || data[0] == 0x78);
}

static void
hd_mbtiles_free (HdMbtiles *self)
{
  g_clear_pointer (&self->tile_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->name);
  g_free (self->attribution);
  g_free (self);
}

HdMbtiles *
hd_mbtiles_ref (HdMbtiles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
hd_mbtiles_unref (HdMbtiles *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    hd_mbtiles_free (self);
}

/* SQLite reports a file that is not a database only when it first reads it. */
static void
set_sqlite_error (HdMbtiles  *self,
                  GError    **error)
{
  int code = sqlite3_errcode (self->db) & 0xff;

  if (code == SQLITE_NOTADB)
    g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_SQLITE,
                 _("“%s” is not a map tile file: it is not an SQLite database"),
                 self->display_name);
  else if (code == SQLITE_CORRUPT)
    g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_SQLITE,
                 _("“%s” is damaged: %s"), self->display_name, sqlite3_errmsg (self->db));
  else
    g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_SQLITE,
                 _("“%s” cannot be read: %s"), self->display_name, sqlite3_errmsg (self->db));
}

static gboolean
has_tables (HdMbtiles  *self,
            GError    **error)
{
  const char *sql =
    "SELECT count(DISTINCT name) FROM sqlite_master "
    "WHERE type IN ('table', 'view') AND name IN ('metadata', 'tiles')";
  sqlite3_stmt *stmt = NULL;
  int found;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  found = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (found != 2)
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_MBTILES,
                   _("“%s” is not an MBTiles file: it has no metadata and tiles tables"),
                   self->display_name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_metadata (HdMbtiles   *self,
               GHashTable  *metadata,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT name, value FROM metadata", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_MBTILES,
                   _("“%s” is not an MBTiles file: %s"), self->display_name,
                   sqlite3_errmsg (self->db));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (name != NULL && value != NULL && g_utf8_validate (value, -1, NULL))
        g_hash_table_insert (metadata, g_ascii_strdown (name, -1), g_strdup (value));
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (self, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
parse_zoom (const char *text,
            int        *zoom)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (g_strstrip ((char *) text), 10, 0,
                                                 MAX_TILE_ZOOM, &value, NULL))
    return FALSE;
  *zoom = (int) value;
  return TRUE;
}

static void
parse_bounds (HdMbtiles  *self,
              const char *text)
{
  g_auto(GStrv) parts = NULL;
  double values[4];

  if (text == NULL)
    return;

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 4)
    return;

  for (guint i = 0; i < 4; i++)
    {
      char *end = NULL;

      values[i] = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || !isfinite (values[i]))
        return;
      while (g_ascii_isspace (*end))
        end++;
      if (*end != '\0')
        return;
    }

  if (values[0] < -180 || values[2] > 180 || values[1] < -90 || values[3] > 90 ||
      values[0] >= values[2] || values[1] >= values[3])
    return;

  self->west = values[0];
  self->south = values[1];
  self->east = values[2];
  self->north = values[3];
  self->has_bounds = TRUE;
}

/* The zoom range from the tiles themselves, for files whose metadata lacks it. */
static gboolean
tile_zoom_range (HdMbtiles  *self,
                 int        *min_zoom,
                 int        *max_zoom,
                 GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT min(zoom_level), max(zoom_level) FROM tiles",
                          -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    set_sqlite_error (self, error);
  else if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_EMPTY,
                 _("“%s” holds no map tiles"), self->display_name);
  else
    {
      *min_zoom = CLAMP (sqlite3_column_int (stmt, 0), 0, MAX_TILE_ZOOM);
      *max_zoom = CLAMP (sqlite3_column_int (stmt, 1), 0, MAX_TILE_ZOOM);
      ok = TRUE;
    }

  sqlite3_finalize (stmt);
  return ok;
}

/* One tile's bytes decide when the metadata names no format, and must agree when it does: a
 * file whose metadata says png over gzipped protobuf is a vector file all the same. */
static gboolean
check_sample_tile (HdMbtiles   *self,
                   const char  *format_text,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  HdMbtilesFormat sniffed;
  const guint8 *data;
  gsize size;
  int rc;

  /* The first non-empty tile: an empty blob is one bad tile, not a bad file. */
  if (sqlite3_prepare_v2 (self->db,
                          "SELECT tile_data FROM tiles WHERE length(tile_data) > 0 LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_MBTILES,
                   _("“%s” is not an MBTiles file: %s"), self->display_name,
                   sqlite3_errmsg (self->db));
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_EMPTY,
                   _("“%s” holds no map tiles"), self->display_name);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }

  data = sqlite3_column_blob (stmt, 0);
  size = sqlite3_column_bytes (stmt, 0);

  if (!hd_mbtiles_sniff_format (data, size, &sniffed))
    {
      gboolean vector = looks_compressed (data, size);

      sqlite3_finalize (stmt);
      if (vector)
        g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_VECTOR,
                     _("“%s” holds vector tiles, which this version cannot draw; "
                       "use an MBTiles file of PNG, JPEG or WebP images"),
                     self->display_name);
      else
        g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_FORMAT,
                     _("“%s” holds tiles that are not PNG, JPEG or WebP images"),
                     self->display_name);
      return FALSE;
    }
  sqlite3_finalize (stmt);

  if (format_text != NULL && sniffed != self->format)
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_FORMAT,
                   _("“%s” says its tiles are %s, but they are %s images"),
                   self->display_name, format_text, mime_types[sniffed] + strlen ("image/"));
      return FALSE;
    }

  self->format = sniffed;
  return TRUE;
}

static gboolean
parse_format (HdMbtiles   *self,
              const char  *text,
              GError     **error)
{
  if (text == NULL)
    return TRUE;   /* decided by the tiles */

  if (g_ascii_strcasecmp (text, "png") == 0)
    self->format = HD_MBTILES_FORMAT_PNG;
  else if (g_ascii_strcasecmp (text, "jpg") == 0 || g_ascii_strcasecmp (text, "jpeg") == 0)
    self->format = HD_MBTILES_FORMAT_JPEG;
  else if (g_ascii_strcasecmp (text, "webp") == 0)
    self->format = HD_MBTILES_FORMAT_WEBP;
  else if (g_ascii_strcasecmp (text, "pbf") == 0 || g_ascii_strcasecmp (text, "mvt") == 0)
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_VECTOR,
                   _("“%s” holds vector tiles (format “%s”), which this version cannot draw; "
                     "use an MBTiles file of PNG, JPEG or WebP images"),
                   self->display_name, text);
      return FALSE;
    }
  else
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_FORMAT,
                   _("“%s” holds tiles of format “%s”; only PNG, JPEG and WebP can be drawn"),
                   self->display_name, text);
      return FALSE;
    }

  return TRUE;
}

HdMbtiles *
hd_mbtiles_open (const char  *path,
                 GError     **error)
{
  g_autoptr(HdMbtiles) self = NULL;
  g_autoptr(GHashTable) metadata = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *open_uri = NULL;
  g_autofree char *basename = NULL;
  const char *format_text;
  const char *name;
  int min_zoom, max_zoom;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (HdMbtiles, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->lock);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_basename (path);
  self->min_zoom = 0;
  self->max_zoom = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_FOUND,
                   _("“%s” does not exist"), self->display_name);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_SQLITE,
                   _("“%s” is not a file"), self->display_name);
      return NULL;
    }

  /* Read-only and immutable: SQLite neither writes, locks, nor makes a journal next to it,
   * so a file on a read-only stick or shared folder opens too. */
  if (g_path_is_absolute (path))
    uri = g_filename_to_uri (path, NULL, error);
  else
    {
      g_autofree char *cwd = g_get_current_dir ();
      g_autofree char *absolute = g_build_filename (cwd, path, NULL);

      uri = g_filename_to_uri (absolute, NULL, error);
    }
  if (uri == NULL)
    return NULL;
  open_uri = g_strconcat (uri, "?mode=ro&immutable=1", NULL);

  rc = sqlite3_open_v2 (open_uri, &self->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_SQLITE,
                   _("“%s” cannot be opened: %s"), self->display_name,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }

  if (!has_tables (self, error))
    return NULL;

  metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_metadata (self, metadata, error))
    return NULL;

  format_text = g_hash_table_lookup (metadata, "format");
  if (!parse_format (self, format_text, error) ||
      !check_sample_tile (self, format_text, error))
    return NULL;

  if (!parse_zoom (g_hash_table_lookup (metadata, "minzoom"), &min_zoom) ||
      !parse_zoom (g_hash_table_lookup (metadata, "maxzoom"), &max_zoom) ||
      min_zoom > max_zoom)
    {
      if (!tile_zoom_range (self, &min_zoom, &max_zoom, error))
        return NULL;
    }
  self->min_zoom = min_zoom;
  self->max_zoom = max_zoom;

  parse_bounds (self, g_hash_table_lookup (metadata, "bounds"));

  name = g_hash_table_lookup (metadata, "name");
  if (name != NULL && *g_strstrip ((char *) name) != '\0')
    self->name = g_strdup (name);
  else
    {
      char *dot;

      basename = g_strdup (self->display_name);
      dot = strrchr (basename, '.');
      if (dot != NULL && dot != basename)
        *dot = '\0';
      self->name = g_steal_pointer (&basename);
    }

  self->attribution = g_strdup (g_hash_table_lookup (metadata, "attribution"));
  if (self->attribution != NULL && *g_strstrip (self->attribution) == '\0')
    g_clear_pointer (&self->attribution, g_free);

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT tile_data FROM tiles "
                          "WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                          -1, &self->tile_stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NOT_MBTILES,
                   _("“%s” is not an MBTiles file: %s"), self->display_name,
                   sqlite3_errmsg (self->db));
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
hd_mbtiles_get_path (HdMbtiles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

const char *
hd_mbtiles_get_name (HdMbtiles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->name;
}

const char *
hd_mbtiles_get_attribution (HdMbtiles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->attribution;
}

HdMbtilesFormat
hd_mbtiles_get_format (HdMbtiles *self)
{
  g_return_val_if_fail (self != NULL, HD_MBTILES_FORMAT_PNG);

  return self->format;
}

const char *
hd_mbtiles_get_mime_type (HdMbtiles *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return mime_types[self->format];
}

int
hd_mbtiles_get_min_zoom (HdMbtiles *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->min_zoom;
}

int
hd_mbtiles_get_max_zoom (HdMbtiles *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_zoom;
}

gboolean
hd_mbtiles_get_bounds (HdMbtiles *self,
                       double    *west,
                       double    *south,
                       double    *east,
                       double    *north)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->has_bounds)
    return FALSE;
  if (west != NULL)
    *west = self->west;
  if (south != NULL)
    *south = self->south;
  if (east != NULL)
    *east = self->east;
  if (north != NULL)
    *north = self->north;
  return TRUE;
}

GBytes *
hd_mbtiles_read_tile (HdMbtiles  *self,
                      int         zoom,
                      int         x,
                      int         y,
                      GError    **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GBytes) bytes = NULL;
  HdMbtilesFormat sniffed;
  gint64 rows;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rows = zoom >= 0 && zoom <= MAX_TILE_ZOOM ? G_GINT64_CONSTANT (1) << zoom : 0;
  if (x < 0 || y < 0 || x >= rows || y >= rows)
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NO_TILE,
                   _("“%s” has no tile %d/%d/%d"), self->display_name, zoom, x, y);
      return NULL;
    }

  locker = g_mutex_locker_new (&self->lock);

  sqlite3_reset (self->tile_stmt);
  sqlite3_bind_int (self->tile_stmt, 1, zoom);
  sqlite3_bind_int (self->tile_stmt, 2, x);
  /* MBTiles rows count from the bottom (TMS). */
  sqlite3_bind_int64 (self->tile_stmt, 3, rows - 1 - y);

  rc = sqlite3_step (self->tile_stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (self->tile_stmt);
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_NO_TILE,
                   _("“%s” has no tile %d/%d/%d"), self->display_name, zoom, x, y);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (self, error);
      sqlite3_reset (self->tile_stmt);
      return NULL;
    }

  bytes = g_bytes_new (sqlite3_column_blob (self->tile_stmt, 0),
                       sqlite3_column_bytes (self->tile_stmt, 0));
  sqlite3_reset (self->tile_stmt);
  g_clear_pointer (&locker, g_mutex_locker_free);

  if (!hd_mbtiles_sniff_format (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                &sniffed) ||
      sniffed != self->format)
    {
      g_set_error (error, HD_MBTILES_ERROR, HD_MBTILES_ERROR_BAD_TILE,
                   _("Tile %d/%d/%d of “%s” is not a %s image"), zoom, x, y,
                   self->display_name, mime_types[self->format] + strlen ("image/"));
      return NULL;
    }

  return g_steal_pointer (&bytes);
}
