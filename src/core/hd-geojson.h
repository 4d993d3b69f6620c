/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "hd-import.h"
#include "hd-store.h"

G_BEGIN_DECLS

/* Deeper nesting than this is refused before json-glib builds its tree (it recurses per level). */
#define HD_GEOJSON_MAX_DEPTH 64

/**
 * hd_geojson_parse:
 * @batch: the batch to append to (untouched on error)
 * @data: (array length=length): the file's bytes
 * @source: the file name used in error messages
 *
 * Parses and validates a GeoJSON FeatureCollection. On error nothing is appended and the
 * %HD_IMPORT_ERROR message reads "SOURCE: feature N: reason" (or "SOURCE: line L: reason" for
 * JSON syntax errors).
 */
gboolean hd_geojson_parse      (HdImportBatch  *batch,
                                const char     *data,
                                gsize           length,
                                const char     *source,
                                GError        **error);
gboolean hd_geojson_parse_file (HdImportBatch  *batch,
                                GFile          *file,
                                GError        **error);

/* (transfer full): the whole workspace as a GeoJSON FeatureCollection, UTF-8, pretty printed,
 * deterministic (the same data gives the same bytes). */
char    *hd_geojson_export     (HdStore        *store,
                                GError        **error);

G_END_DECLS
