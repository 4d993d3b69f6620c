/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <shumate/shumate.h>

#include "hd-belt-layer.h"
#include "hd-site-layer.h"

G_BEGIN_DECLS

typedef enum {
  HD_MAP_EXPORT_PNG,
  HD_MAP_EXPORT_PDF,
} HdMapExportFormat;

/* Writes what @map shows now to @path: its base layers (every ShumateMapLayer child: the
 * tiles) as one image, then @belts and @sites drawn again with Cairo, so a PDF keeps routes,
 * glyphs and names as vectors (and text), and the base maps' attributions in a corner.
 * Errors: G_IO_ERROR with what failed (the map is not shown, the file cannot be written). */
gboolean hd_map_export_view (ShumateMap         *map,
                             HdBeltLayer        *belts,
                             HdSiteLayer        *sites,
                             const char         *path,
                             HdMapExportFormat   format,
                             GError            **error);

G_END_DECLS
