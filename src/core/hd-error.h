/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors carry a code for programs and a translated, one-line message for people that says what
 * is wrong and where (file, feature, record). The UI and the CLI show the message as it is. */

#define HD_STORE_ERROR (hd_store_error_quark ())
GQuark hd_store_error_quark (void);

typedef enum {
  HD_STORE_ERROR_FAILED,          /* SQLite failed (disk full, I/O error, ...); message has the detail */
  HD_STORE_ERROR_NEWER_VERSION,   /* written by a newer Hongdai: refused, never touched */
  HD_STORE_ERROR_NOT_A_DATABASE,  /* the file is not a SQLite database */
  HD_STORE_ERROR_CORRUPT,         /* quick_check failed */
  HD_STORE_ERROR_READ_ONLY,       /* the file or its folder cannot be written */
  HD_STORE_ERROR_NOT_FOUND,       /* no record with that id */
  HD_STORE_ERROR_INVALID,         /* a value breaks a rule (empty name, coordinates out of range, ...) */
  HD_STORE_ERROR_IN_USE,          /* still referenced (a region with belts, sites or sub-regions) */
  HD_STORE_ERROR_DUPLICATE,       /* an id that already exists */
  HD_STORE_ERROR_CONFLICT,        /* the record was changed elsewhere since it was read */
} HdStoreError;

#define HD_IMPORT_ERROR (hd_import_error_quark ())
GQuark hd_import_error_quark (void);

typedef enum {
  HD_IMPORT_ERROR_IO,              /* the file cannot be read */
  HD_IMPORT_ERROR_NOT_JSON,        /* not JSON at all, or invalid UTF-8 */
  HD_IMPORT_ERROR_TOO_DEEP,        /* nesting deeper than HD_GEOJSON_MAX_DEPTH */
  HD_IMPORT_ERROR_NOT_GEOJSON,     /* JSON, but not a GeoJSON FeatureCollection */
  HD_IMPORT_ERROR_INVALID_FEATURE, /* one feature is wrong: the message names its index and why */
  HD_IMPORT_ERROR_DUPLICATE_ID,    /* two features, or a feature and the workspace, share an id */
  HD_IMPORT_ERROR_UNRESOLVED,      /* a site names a belt that is neither in the file nor the workspace */
} HdImportError;

G_END_DECLS
