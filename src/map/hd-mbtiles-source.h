/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "hd-mbtiles.h"

G_BEGIN_DECLS

#define HD_TYPE_MBTILES_SOURCE (hd_mbtiles_source_get_type ())
G_DECLARE_FINAL_TYPE (HdMbtilesSource, hd_mbtiles_source, HD, MBTILES_SOURCE, ShumateMapSource)

/* An MBTiles file of raster tiles as a shumate tile source. Tiles are read and decoded in
 * worker threads. Past the file's deepest zoom the deepest tile is cut and enlarged (overzoom),
 * so zooming in keeps the detail instead of going blank; above its shallowest zoom, and where
 * the file has no tile, the tile fails and whatever layer is below shows through. Its name is
 * the file's, its licence the file's attribution, its id "hongdai-mbtiles-<hash of the path>". */

/**
 * hd_mbtiles_source_new_for_path:
 * @path: an .mbtiles file
 *
 * Opens the file (see hd_mbtiles_open()). WebP tiles need gdk-pixbuf's WebP loader: without it
 * the file is refused with %HD_MBTILES_ERROR_FORMAT saying so.
 *
 * Returns: (transfer full): the source, or %NULL with @error set
 */
HdMbtilesSource *hd_mbtiles_source_new_for_path (const char       *path,
                                                 GError          **error);
/* (transfer none) */
HdMbtiles       *hd_mbtiles_source_get_mbtiles  (HdMbtilesSource  *self);
/* Whether gdk-pixbuf can decode images of @mime_type here ("image/webp"). */
gboolean         hd_mbtiles_source_can_decode   (const char       *mime_type);

G_END_DECLS
