/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Private to src/core (hd-standards.c, hd-inspection.c), tests and benchmarks: the pieces of the
 * standards and inspections modules that run inside a transaction someone else opened (the
 * sample loader writes sets and inspections in one), and small SQLite helpers. */
#pragma once

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "hd-inspection.h"
#include "hd-standards.h"
#include "hd-store-private.h"

G_BEGIN_DECLS

/* Sets @error from SQLite after a failed sqlite3_step() of a reading statement. */
static inline void
hd_sql_read_error (HdStore  *store,
                   GError  **error)
{
  hd_store_set_error_from_db (store, error, g_dgettext (GETTEXT_PACKAGE, "Reading the workspace failed"));
}

/* Writes a parsed or edited set inside an open transaction (see hd_store_import_standard_set());
 * returns the id of the set that holds the items, and whether a new version was made. */
char    *hd_standards_import_in_transaction (HdStore        *self,
                                             HdStandardSet  *set,
                                             GPtrArray      *items,
                                             const char     *what,
                                             gboolean       *new_version,
                                             GError        **error);

/* JSON pre-checks shared by the importers: skips a BOM (adjusting @data and @length), refuses
 * invalid UTF-8 and nesting deeper than HD_STANDARD_MAX_DEPTH, naming the line. */
gboolean hd_standards_check_json     (const char    **data,
                                      gsize          *length,
                                      const char     *source,
                                      GError        **error);
/* Sets an HD_IMPORT_ERROR_NOT_JSON error from json-glib's message, as "SOURCE: line L: reason". */
void     hd_standards_set_syntax_error (GError    **error,
                                        const char *source,
                                        const char *json_message);
/* hd_standard_set_parse_json() on a parsed node (a set embedded in another file). */
gboolean hd_standards_parse_json_node (JsonNode       *node,
                                       const char     *source,
                                       HdStandardSet **set,
                                       GPtrArray     **items,
                                       GError        **error);

/* Reads a set by id (inside or outside a transaction); NULL with NOT_FOUND. */
HdStandardSet *hd_standards_read_set        (HdStore        *self,
                                             const char     *set_id,
                                             GError        **error);

/* The inspection steps the sample loader and the public commands share; they run inside the
 * caller's transaction, emit nothing, and add the ids they touched to @inspections /
 * @rectifications (nullable). */
HdInspection *hd_inspection_start_in_transaction  (HdStore       *self,
                                                   HdSubjectKind  kind,
                                                   const char    *subject_id,
                                                   const char    *set_id,
                                                   const char    *inspector,
                                                   const GDate   *date,
                                                   GError       **error);
gboolean      hd_inspection_answer_in_transaction (HdStore       *self,
                                                   const char    *inspection_id,
                                                   const char    *item_code,
                                                   HdAnswer       answer,
                                                   const char    *note,
                                                   GError       **error);
gboolean      hd_inspection_finish_in_transaction (HdStore       *self,
                                                   const char    *inspection_id,
                                                   GPtrArray     *rectifications,
                                                   GError       **error);

HdInspectionPhoto *hd_inspection_photo_new_from_row (const char *id,
                                                     const char *inspection_id,
                                                     const char *item_id,
                                                     const char *path,
                                                     const char *sha256,
                                                     const char *mime_type,
                                                     const char *caption,
                                                     const char *created);

G_END_DECLS
