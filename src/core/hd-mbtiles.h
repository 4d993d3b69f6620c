/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HD_MBTILES_ERROR (hd_mbtiles_error_quark ())
GQuark hd_mbtiles_error_quark (void);

typedef enum {
  HD_MBTILES_ERROR_NOT_FOUND,     /* no file at that path */
  HD_MBTILES_ERROR_NOT_SQLITE,    /* unreadable, or not a SQLite database */
  HD_MBTILES_ERROR_NOT_MBTILES,   /* SQLite, but without the metadata and tiles tables */
  HD_MBTILES_ERROR_VECTOR,        /* vector (pbf) tiles: this build draws raster tiles only */
  HD_MBTILES_ERROR_FORMAT,        /* a tile format other than PNG, JPEG or WebP */
  HD_MBTILES_ERROR_EMPTY,         /* no tiles at all */
  HD_MBTILES_ERROR_NO_TILE,       /* (per tile) the file has no tile there */
  HD_MBTILES_ERROR_BAD_TILE,      /* (per tile) an empty blob, or not the image its format says */
} HdMbtilesError;

typedef enum {
  HD_MBTILES_FORMAT_PNG,
  HD_MBTILES_FORMAT_JPEG,
  HD_MBTILES_FORMAT_WEBP,
} HdMbtilesFormat;

/* An MBTiles file (https://github.com/mapbox/mbtiles-spec) of raster tiles, opened read-only
 * and immutable: it is never written, and never locked. Its metadata is read once at open;
 * tiles are read on demand from any thread (one connection behind a mutex). Reference counted
 * atomically, so a tile being read in a worker thread keeps the file open. */
typedef struct _HdMbtiles HdMbtiles;

/**
 * hd_mbtiles_open:
 * @path: an .mbtiles file
 *
 * Opens the file and reads its metadata; checks the format names a raster image and that a
 * tile's bytes are that image. Errors: %HD_MBTILES_ERROR with a message that names the file and
 * says what is wrong with it (missing, not SQLite, not MBTiles, vector tiles, no tiles, ...).
 *
 * Returns: (transfer full): the file, or %NULL with @error set
 */
HdMbtiles      *hd_mbtiles_open            (const char  *path,
                                            GError     **error);
HdMbtiles      *hd_mbtiles_ref             (HdMbtiles   *self);
void            hd_mbtiles_unref           (HdMbtiles   *self);

/* (transfer none): the path given to hd_mbtiles_open(). */
const char     *hd_mbtiles_get_path        (HdMbtiles   *self);
/* (transfer none): the metadata's name, else the file's base name without extension. */
const char     *hd_mbtiles_get_name        (HdMbtiles   *self);
/* (transfer none) (nullable): the metadata's attribution (may hold HTML markup as written). */
const char     *hd_mbtiles_get_attribution (HdMbtiles   *self);
HdMbtilesFormat hd_mbtiles_get_format      (HdMbtiles   *self);
/* The MIME type of the tiles ("image/png", "image/jpeg", "image/webp"). */
const char     *hd_mbtiles_get_mime_type   (HdMbtiles   *self);
/* The zoom range of the tiles: the metadata's minzoom/maxzoom, else the tiles' own. */
int             hd_mbtiles_get_min_zoom    (HdMbtiles   *self);
int             hd_mbtiles_get_max_zoom    (HdMbtiles   *self);
/* FALSE when the metadata has no (valid) bounds; else west, south, east, north in degrees. */
gboolean        hd_mbtiles_get_bounds      (HdMbtiles   *self,
                                            double      *west,
                                            double      *south,
                                            double      *east,
                                            double      *north);

/**
 * hd_mbtiles_read_tile:
 * @zoom: @x: @y: the tile in the XYZ scheme (y counted from the top, as shumate does); the
 *   file's TMS row is 2^zoom − 1 − @y
 *
 * Thread-safe. Errors: %HD_MBTILES_ERROR_NO_TILE when the file has none there,
 * %HD_MBTILES_ERROR_BAD_TILE when the blob is empty or not the file's image format,
 * %HD_MBTILES_ERROR_NOT_SQLITE when SQLite cannot read it (a damaged file).
 *
 * Returns: (transfer full): the encoded image, or %NULL with @error set
 */
GBytes         *hd_mbtiles_read_tile       (HdMbtiles   *self,
                                            int          zoom,
                                            int          x,
                                            int          y,
                                            GError     **error);

/* The image format @data starts like, from its magic bytes; FALSE when none of the three.
 * Exposed for the tests. */
gboolean        hd_mbtiles_sniff_format    (const guint8    *data,
                                            gsize            size,
                                            HdMbtilesFormat *format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HdMbtiles, hd_mbtiles_unref)

G_END_DECLS
