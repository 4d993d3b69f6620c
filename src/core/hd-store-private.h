/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For the other core modules (standards, inspections, ...), tests and benchmarks: not for src/app
 * or src/cli, which go through hd-store.h. */
#pragma once

#include <sqlite3.h>

#include "hd-store.h"

G_BEGIN_DECLS

/* Opens like hd_store_open() but migrates no further than @max_version (to make old files). */
HdStore *hd_store_open_at_version (const char  *path,
                                   int          max_version,
                                   GError     **error);
/* The connection, for tests that inspect the file directly. (transfer none) */
sqlite3 *hd_store_get_db          (HdStore     *self);
/* The stable R*Tree key of a site id. */
gint64   hd_site_pos_key          (const char  *id);

static inline const char *
hd_sql_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* Optional text is stored as NULL rather than '' (one spelling for "not set") in every table. */
static inline void
hd_sql_bind_text (sqlite3_stmt *stmt,
                  int           idx,
                  const char   *value)
{
  if (value == NULL || *value == '\0')
    sqlite3_bind_null (stmt, idx);
  else
    sqlite3_bind_text (stmt, idx, value, -1, SQLITE_TRANSIENT);
}

/* Transactions: one per user command. begin() is BEGIN IMMEDIATE; a failed commit rolls back. */
gboolean      hd_store_begin             (HdStore       *self,
                                          const char    *what,
                                          GError       **error);
gboolean      hd_store_commit            (HdStore       *self,
                                          const char    *what,
                                          GError       **error);
void          hd_store_rollback          (HdStore       *self);
/* A user command: like begin/commit, but the changes become an undo step named @label (taken;
 * e.g. "Save “title”"). A failed commit rolls back. */
/* A user command whose changes become one undo step (what hd-store.c's own commands use):
 * begin_command() opens the transaction and starts recording; commit_command() commits and
 * pushes the step named @label (taken; translated, e.g. "Assign Region to 12 Sites"). On a
 * failed commit the transaction is rolled back. */
gboolean      hd_store_begin_command     (HdStore       *self,
                                          const char    *what,
                                          GError       **error);
gboolean      hd_store_commit_command    (HdStore       *self,
                                          const char    *what,
                                          char          *label,
                                          GError       **error);
/* Plans, for hd-indicator.c: check (valid, region exists; assigns an id), write the plan and its
 * themes inside an open transaction, and after the commit reload the model and emit. */
gboolean      hd_store_check_plan        (HdStore       *self,
                                          HdPlan        *plan,
                                          const char    *what,
                                          GError       **error);
gboolean      hd_store_write_plan        (HdStore       *self,
                                          HdPlan        *plan,
                                          const char    *what,
                                          GError       **error);
void          hd_store_plan_saved        (HdStore       *self,
                                          HdPlan        *plan);
/* Makes @indicators (element-type HdIndicator) the plan's indicators, in that order, inside an
 * open transaction: others of the plan are deleted, new ones get ids. Validated by the caller. */
gboolean      hd_store_replace_indicators (HdStore      *self,
                                          HdPlan        *plan,
                                          GPtrArray     *indicators,
                                          const char    *what,
                                          GError       **error);
/* Writes one dated actual of an indicator (YYYY-MM-DD, replacing that date's value) inside an
 * open transaction; checks the date and value. */
gboolean      hd_store_write_indicator_actual (HdStore  *self,
                                          const char    *indicator_id,
                                          const char    *date,
                                          double         value,
                                          const char    *note,
                                          const char    *what,
                                          GError       **error);
/* After a commit: re-reads one record of @kind (HD_CHANGE_REGIONS, _BELTS, _SITES or _PLANS)
 * into the store's live model, or removes it when it is gone. */
void          hd_store_reload_record     (HdStore       *self,
                                          HdChangeKind   kind,
                                          const char    *id);
/* A cached prepared statement, reset and with bindings cleared. @sql must be a string with static
 * storage (the cache is keyed by its address). (transfer none) */
sqlite3_stmt *hd_store_prepare           (HdStore       *self,
                                          const char    *sql,
                                          GError       **error);
/* Steps a statement that returns no rows and resets it; on failure sets @error from SQLite,
 * prefixed with @what ("Could not save …"). */
gboolean      hd_store_step_done         (HdStore       *self,
                                          sqlite3_stmt  *stmt,
                                          const char    *what,
                                          GError       **error);
gboolean      hd_store_exec              (HdStore       *self,
                                          const char    *sql,
                                          const char    *what,
                                          GError       **error);
/* Sets @error from the connection's last SQLite error (disk full, read-only, ... mapped to
 * HD_STORE_ERROR codes with translated messages). */
void          hd_store_set_error_from_db (HdStore       *self,
                                          GError       **error,
                                          const char    *what);
/* Emits HdStore::changed; call after a successful commit only. */
void          hd_store_emit_changed      (HdStore       *self,
                                          guint          kinds,
                                          const char * const *ids);

G_END_DECLS
