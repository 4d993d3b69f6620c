/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-inspection"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "hd-standards-private.h"

G_DEFINE_ENUM_TYPE (HdInspectionState, hd_inspection_state,
  G_DEFINE_ENUM_VALUE (HD_INSPECTION_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (HD_INSPECTION_FINISHED, "finished"))

G_DEFINE_ENUM_TYPE (HdRectificationList, hd_rectification_list,
  G_DEFINE_ENUM_VALUE (HD_RECTIFICATION_PROBLEM, "problem"),
  G_DEFINE_ENUM_VALUE (HD_RECTIFICATION_IMPROVEMENT, "improvement"))

G_DEFINE_ENUM_TYPE (HdRectificationState, hd_rectification_state,
  G_DEFINE_ENUM_VALUE (HD_RECTIFICATION_OPEN, "open"),
  G_DEFINE_ENUM_VALUE (HD_RECTIFICATION_DONE, "done"),
  G_DEFINE_ENUM_VALUE (HD_RECTIFICATION_CANCELLED, "cancelled"))

HD_DEFINE_ENUM_STRINGS (HdInspectionState, hd_inspection_state, HD_TYPE_INSPECTION_STATE)
HD_DEFINE_ENUM_STRINGS (HdRectificationList, hd_rectification_list, HD_TYPE_RECTIFICATION_LIST)
HD_DEFINE_ENUM_STRINGS (HdRectificationState, hd_rectification_state, HD_TYPE_RECTIFICATION_STATE)

const char *
hd_inspection_state_label (HdInspectionState state)
{
  switch (state)
    {
    case HD_INSPECTION_DRAFT: return C_("inspection state", "Draft");
    case HD_INSPECTION_FINISHED: return C_("inspection state", "Finished");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_rectification_list_label (HdRectificationList list)
{
  switch (list)
    {
    case HD_RECTIFICATION_PROBLEM: return C_("rectification list", "Problem list");
    case HD_RECTIFICATION_IMPROVEMENT: return C_("rectification list", "Improvement list");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_rectification_state_label (HdRectificationState state)
{
  switch (state)
    {
    case HD_RECTIFICATION_OPEN: return C_("rectification state", "Open");
    case HD_RECTIFICATION_DONE: return C_("rectification state", "Done");
    case HD_RECTIFICATION_CANCELLED: return C_("rectification state", "Cancelled");
    default: g_return_val_if_reached ("");
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Small helpers                                                                              */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
emit_one (HdStore      *self,
          HdChangeKind  kinds,
          const char   *id)
{
  const char *ids[] = { id, NULL };

  hd_store_emit_changed (self, kinds, ids);
}

/* Emits @kinds for @ids (a GPtrArray of char *); nothing when it is empty. */
static void
emit_many (HdStore      *self,
           HdChangeKind  kinds,
           GPtrArray    *ids)
{
  if (ids->len == 0)
    return;
  g_ptr_array_add (ids, NULL);
  hd_store_emit_changed (self, kinds, (const char * const *) ids->pdata);
  g_ptr_array_remove_index (ids, ids->len - 1);
}

/* Answers ranked for "got worse": met > partly > not met; n.a. and none are not comparable. */
static int
answer_rank (HdAnswer answer)
{
  switch (answer)
    {
    case HD_ANSWER_MET: return 3;
    case HD_ANSWER_PARTLY: return 2;
    case HD_ANSWER_NOT_MET: return 1;
    case HD_ANSWER_NONE:
    case HD_ANSWER_NA:
    default:
      return 0;
    }
}

static HdAnswer
answer_of (const char *text)
{
  HdAnswer answer = HD_ANSWER_NONE;

  hd_answer_from_string (text, &answer);
  return answer;
}

/* Reads one text value (first column of the first row) of a statement whose parameters are
 * bound; NULL when there is no row (with @error unset) or on failure (with @error set). */
static char *
step_text (HdStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  char *value = NULL;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    value = g_strdup (hd_sql_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    hd_sql_read_error (self, error);
  sqlite3_reset (stmt);
  return value;
}

/* ------------------------------------------------------------------------------------------ */
/* Settings                                                                                   */

static char *
read_setting (HdStore    *self,
              const char *key)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, "SELECT value FROM setting WHERE key = ?1", NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return step_text (self, stmt, NULL);
}

static gboolean
write_setting (HdStore     *self,
               const char  *key,
               const char  *value,
               const char  *what,
               GError     **error)
{
  sqlite3_stmt *stmt;

  if (!hd_store_begin (self, what, error))
    return FALSE;
  stmt = hd_store_prepare (self,
                           "INSERT INTO setting (key, value) VALUES (?1, ?2)"
                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error) || !hd_store_commit (self, what, error))
    goto fail;
  /* Every light may move: no particular ids. */
  hd_store_emit_changed (self, HD_CHANGE_INSPECTIONS, (const char * const[]) { NULL });
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

double
hd_store_get_red_threshold (HdStore *self)
{
  g_autofree char *text = NULL;
  char *end = NULL;
  double value;

  g_return_val_if_fail (HD_IS_STORE (self), HD_DEFAULT_RED_THRESHOLD);

  text = read_setting (self, "light.red_threshold");
  if (text == NULL)
    return HD_DEFAULT_RED_THRESHOLD;
  value = g_ascii_strtod (text, &end);
  /* A value another program wrote badly must not make every site red. */
  if (end == text || *end != '\0' || !isfinite (value) || value < 0.0 || value > 100.0)
    return HD_DEFAULT_RED_THRESHOLD;
  return value;
}

gboolean
hd_store_set_red_threshold (HdStore  *self,
                            double    threshold,
                            GError  **error)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);

  if (!isfinite (threshold) || threshold < 0.0 || threshold > 100.0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Could not change the red threshold: it must be a score from 0 to 100"));
      return FALSE;
    }
  g_ascii_dtostr (text, sizeof text, threshold);
  return write_setting (self, "light.red_threshold", text,
                        _("Could not change the red threshold"), error);
}

char *
hd_store_dup_time_zone_id (HdStore *self)
{
  char *id;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  id = read_setting (self, "time_zone");
  return id != NULL ? id : g_strdup (HD_DEFAULT_TIME_ZONE);
}

gboolean
hd_store_set_time_zone (HdStore     *self,
                        const char  *identifier,
                        GError     **error)
{
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (identifier != NULL, FALSE);

  zone = hd_time_zone_new (identifier);
  if (zone == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Could not change the time zone: “%s” is not a time zone this system knows"),
                   identifier);
      return FALSE;
    }
  return write_setting (self, "time_zone", identifier, _("Could not change the time zone"), error);
}

GDate
hd_store_get_today (HdStore *self)
{
  g_autofree char *id = NULL;
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), hd_today_in_zone (NULL, NULL));

  id = hd_store_dup_time_zone_id (self);
  zone = hd_time_zone_new (id);
  return hd_today_in_zone (zone, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading inspections                                                                        */

#define INSPECTION_FROM \
  " FROM inspection i JOIN standard_set ss ON ss.id = i.set_id" \
  " LEFT JOIN site s ON s.id = i.site_id LEFT JOIN belt b ON b.id = i.belt_id"

#define INSPECTION_COLUMNS \
  "i.id, i.belt_id, i.site_id, coalesce (s.name, b.name), i.set_id, ss.code, ss.name_zh, " \
  "ss.version, i.inspector, i.date, i.state, i.score, i.light, i.corrects_id, i.n_met, " \
  "i.n_partly, i.n_not_met, i.n_na, i.red_lines_hit, i.notes, i.finished, i.created, i.modified"

static HdInspection *
inspection_from_row (sqlite3_stmt *stmt)
{
  HdInspection *inspection = g_object_new (HD_TYPE_INSPECTION, NULL);
  HdInspectionState state = HD_INSPECTION_DRAFT;
  HdLight light = HD_LIGHT_GREY;

  hd_inspection_state_from_string (hd_sql_text (stmt, 10), &state);
  hd_light_from_string (hd_sql_text (stmt, 12), &light);
  g_object_set (inspection,
                "id", hd_sql_text (stmt, 0),
                "subject-kind", hd_sql_text (stmt, 1) != NULL ? HD_SUBJECT_BELT : HD_SUBJECT_SITE,
                "belt-id", hd_sql_text (stmt, 1),
                "site-id", hd_sql_text (stmt, 2),
                "subject-name", hd_sql_text (stmt, 3),
                "set-id", hd_sql_text (stmt, 4),
                "set-code", hd_sql_text (stmt, 5),
                "set-name", hd_sql_text (stmt, 6),
                "set-version", sqlite3_column_int (stmt, 7),
                "inspector", hd_sql_text (stmt, 8),
                "date", hd_sql_text (stmt, 9),
                "state", state,
                "score", sqlite3_column_type (stmt, 11) == SQLITE_NULL ? -1.0
                                                                      : sqlite3_column_double (stmt, 11),
                "light", light,
                "corrects-id", hd_sql_text (stmt, 13),
                "n-met", sqlite3_column_int (stmt, 14),
                "n-partly", sqlite3_column_int (stmt, 15),
                "n-not-met", sqlite3_column_int (stmt, 16),
                "n-na", sqlite3_column_int (stmt, 17),
                "red-lines-hit", sqlite3_column_int (stmt, 18),
                "notes", hd_sql_text (stmt, 19),
                "finished", hd_sql_text (stmt, 20),
                "created", hd_sql_text (stmt, 21),
                "modified", hd_sql_text (stmt, 22),
                NULL);
  return inspection;
}

HdInspection *
hd_store_get_inspection (HdStore     *self,
                         const char  *inspection_id,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  HdInspection *inspection = NULL;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (inspection_id != NULL, NULL);

  stmt = hd_store_prepare (self, "SELECT " INSPECTION_COLUMNS INSPECTION_FROM " WHERE i.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    inspection = inspection_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("No inspection has the id %s"), inspection_id);
  else
    hd_sql_read_error (self, error);
  sqlite3_reset (stmt);
  return inspection;
}

GListStore *
hd_store_list_inspections (HdStore     *self,
                           const char  *subject_id,
                           GError     **error)
{
  /* Two statements rather than "?1 IS NULL OR …", which would keep SQLite from using the
   * per-subject indexes. */
  static const char all_sql[] =
    "SELECT " INSPECTION_COLUMNS INSPECTION_FROM
    " ORDER BY i.date DESC, i.finished IS NULL DESC, i.finished DESC, i.created DESC, i.rowid DESC";
  static const char one_sql[] =
    "SELECT " INSPECTION_COLUMNS INSPECTION_FROM
    " WHERE i.site_id = ?1 OR i.belt_id = ?1"
    " ORDER BY i.date DESC, i.finished IS NULL DESC, i.finished DESC, i.created DESC, i.rowid DESC";
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);

  stmt = hd_store_prepare (self, subject_id ? one_sql : all_sql, error);
  if (stmt == NULL)
    return NULL;
  if (subject_id != NULL)
    sqlite3_bind_text (stmt, 1, subject_id, -1, SQLITE_TRANSIENT);
  list = g_list_store_new (HD_TYPE_INSPECTION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HdInspection) inspection = inspection_from_row (stmt);

      g_list_store_append (list, inspection);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The inspection as a draft that may still change, or an error saying why not. */
static HdInspection *
get_draft (HdStore     *self,
           const char  *inspection_id,
           const char  *what,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HdInspection) inspection = hd_store_get_inspection (self, inspection_id, &local_error);

  if (inspection == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", what, local_error->message);
      return NULL;
    }
  if (hd_inspection_get_state (inspection) != HD_INSPECTION_DRAFT)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: the inspection of “%s” on %s is finished and cannot be changed; start a correction instead"),
                   what, hd_inspection_get_subject_name (inspection), hd_inspection_get_date (inspection));
      return NULL;
    }
  return g_steal_pointer (&inspection);
}

/* ------------------------------------------------------------------------------------------ */
/* Starting                                                                                   */

static const char insert_inspection_sql[] =
  "INSERT INTO inspection (id, belt_id, site_id, set_id, inspector, date, state, corrects_id,"
  " notes, created, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7, ?8, ?9, ?9)";

static gboolean
insert_inspection (HdStore       *self,
                   const char    *id,
                   HdSubjectKind  kind,
                   const char    *subject_id,
                   const char    *set_id,
                   const char    *inspector,
                   const char    *date,
                   const char    *corrects_id,
                   const char    *notes,
                   const char    *what,
                   GError       **error)
{
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt = hd_store_prepare (self, insert_inspection_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, kind == HD_SUBJECT_BELT ? 2 : 3, subject_id);
  sqlite3_bind_text (stmt, 4, set_id, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 5, inspector);
  sqlite3_bind_text (stmt, 6, date, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 7, corrects_id);
  hd_sql_bind_text (stmt, 8, notes);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  return hd_store_step_done (self, stmt, what, error);
}

/* The subject's name, or NULL (with @error unset) when there is no such site or belt. */
static char *
subject_name (HdStore       *self,
              HdSubjectKind  kind,
              const char    *subject_id,
              GError       **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self,
                                         kind == HD_SUBJECT_BELT ? "SELECT name FROM belt WHERE id = ?1"
                                                                 : "SELECT name FROM site WHERE id = ?1",
                                         error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, subject_id, -1, SQLITE_TRANSIENT);
  return step_text (self, stmt, error);
}

HdInspection *
hd_inspection_start_in_transaction (HdStore       *self,
                                    HdSubjectKind  kind,
                                    const char    *subject_id,
                                    const char    *set_id,
                                    const char    *inspector,
                                    const GDate   *date,
                                    GError       **error)
{
  const char *what = _("Could not start the inspection");
  g_autoptr(GError) local_error = NULL;
  g_autoptr(HdStandardSet) set = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = hd_new_id ();
  g_autofree char *date_text = NULL;
  g_autofree char *who = NULL;

  name = subject_name (self, kind, subject_id, &local_error);
  if (name == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (kind == HD_SUBJECT_BELT)
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                     _("%s: no belt has the id %s"), what, subject_id);
      else
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                     _("%s: no site has the id %s"), what, subject_id);
      return NULL;
    }
  set = hd_standards_read_set (self, set_id, &local_error);
  if (set == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", what, local_error->message);
      return NULL;
    }
  if (hd_standard_set_get_applies_to (set) != kind)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   kind == HD_SUBJECT_BELT
                     ? _("%s: “%s” is a checklist for sites, and “%s” is a belt")
                     : _("%s: “%s” is a checklist for belts, and “%s” is a site"),
                   what, hd_standard_set_get_name (set), name);
      return NULL;
    }
  if (hd_standard_set_get_superseded_by (set) != NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: version %d of “%s” has been replaced by a newer version"),
                   what, hd_standard_set_get_version (set), hd_standard_set_get_name (set));
      return NULL;
    }
  if (hd_standard_set_get_n_items (set) == 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: “%s” has no items"), what, hd_standard_set_get_name (set));
      return NULL;
    }
  if (is_blank (inspector))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: the inspector’s name is empty"), what);
      return NULL;
    }
  if (date == NULL || !g_date_valid (date) || g_date_get_year (date) < 1949 ||
      g_date_get_year (date) > 2200)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: the date is not a valid date"), what);
      return NULL;
    }

  date_text = hd_date_to_string (date);
  who = g_strstrip (g_strdup (inspector));
  if (!insert_inspection (self, id, kind, subject_id, set_id, who, date_text, NULL, NULL, what, error))
    return NULL;
  return hd_store_get_inspection (self, id, error);
}

HdInspection *
hd_store_start_inspection (HdStore       *self,
                           HdSubjectKind  kind,
                           const char    *subject_id,
                           const char    *set_id,
                           const char    *inspector,
                           const GDate   *date,
                           GError       **error)
{
  const char *what = _("Could not start the inspection");
  g_autoptr(HdInspection) inspection = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (kind == HD_SUBJECT_BELT || kind == HD_SUBJECT_SITE, NULL);
  g_return_val_if_fail (subject_id != NULL, NULL);
  g_return_val_if_fail (set_id != NULL, NULL);

  if (!hd_store_begin (self, what, error))
    return NULL;
  inspection = hd_inspection_start_in_transaction (self, kind, subject_id, set_id, inspector, date,
                                                   error);
  if (inspection == NULL || !hd_store_commit (self, what, error))
    {
      hd_store_rollback (self);
      return NULL;
    }
  emit_one (self, HD_CHANGE_INSPECTIONS, hd_inspection_get_id (inspection));
  return g_steal_pointer (&inspection);
}

/* ------------------------------------------------------------------------------------------ */
/* Answers                                                                                    */

/* The item of the inspection's set with that id (or, with @by_code, that code): its id, or NULL
 * with @error set. */
static char *
resolve_item (HdStore       *self,
              HdInspection  *inspection,
              const char    *item,
              gboolean       by_code,
              const char    *what,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = hd_store_prepare (self,
                                         by_code ? "SELECT id FROM standard_item WHERE set_id = ?1 AND code = ?2"
                                                 : "SELECT id FROM standard_item WHERE set_id = ?1 AND id = ?2",
                                         error);
  char *id;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hd_inspection_get_set_id (inspection), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, item, -1, SQLITE_TRANSIENT);
  id = step_text (self, stmt, &local_error);
  if (id == NULL && local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (id == NULL)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("%s: “%s” has no item %s"), what, hd_inspection_get_set_name (inspection), item);
  return id;
}

static gboolean
touch_inspection (HdStore     *self,
                  const char  *inspection_id,
                  const char  *what,
                  GError     **error)
{
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt = hd_store_prepare (self, "UPDATE inspection SET modified = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  return hd_store_step_done (self, stmt, what, error);
}

/* Writes one answer row; a NULL @note keeps the note there is. */
static gboolean
write_answer (HdStore     *self,
              const char  *inspection_id,
              const char  *item_id,
              HdAnswer     answer,
              gboolean     suggested,
              const char  *note,
              const char  *what,
              GError     **error)
{
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt;

  if (answer == HD_ANSWER_NONE)
    {
      stmt = hd_store_prepare (self,
                               "DELETE FROM inspection_result WHERE inspection_id = ?1 AND item_id = ?2",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_TRANSIENT);
    }
  else
    {
      stmt = hd_store_prepare (self,
                               "INSERT INTO inspection_result (inspection_id, item_id, answer, suggested,"
                               " note, modified) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                               " ON CONFLICT (inspection_id, item_id) DO UPDATE SET"
                               " answer = excluded.answer, suggested = excluded.suggested,"
                               " note = coalesce (excluded.note, note), modified = excluded.modified",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, hd_answer_to_string (answer), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, suggested ? 1 : 0);
      hd_sql_bind_text (stmt, 5, note);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
    }
  return hd_store_step_done (self, stmt, what, error) &&
         touch_inspection (self, inspection_id, what, error);
}

gboolean
hd_inspection_answer_in_transaction (HdStore     *self,
                                     const char  *inspection_id,
                                     const char  *item_code,
                                     HdAnswer     answer,
                                     const char  *note,
                                     GError     **error)
{
  const char *what = _("Could not save the answer");
  g_autoptr(HdInspection) inspection = get_draft (self, inspection_id, what, error);
  g_autofree char *item_id = NULL;

  if (inspection == NULL)
    return FALSE;
  item_id = resolve_item (self, inspection, item_code, TRUE, what, error);
  return item_id != NULL &&
         write_answer (self, inspection_id, item_id, answer, FALSE, note, what, error);
}

/* PRAGMA synchronous, raised to FULL for the answer's own transaction: with NORMAL a WAL commit
 * survives the process dying but not the power failing, and an answer must survive both.
 * Returns the level to restore. */
static int
raise_durability (HdStore *self)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, "PRAGMA synchronous", NULL);
  int level = 2;

  if (stmt == NULL)
    return level;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    level = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (level < 2)
    hd_store_exec (self, "PRAGMA synchronous = FULL", "", NULL);
  return level;
}

static void
restore_durability (HdStore *self,
                    int      level)
{
  if (level == 1)
    hd_store_exec (self, "PRAGMA synchronous = NORMAL", "", NULL);
  else if (level == 0)
    hd_store_exec (self, "PRAGMA synchronous = OFF", "", NULL);
}

gboolean
hd_store_set_inspection_answer (HdStore     *self,
                                const char  *inspection_id,
                                const char  *item_id,
                                HdAnswer     answer,
                                GError     **error)
{
  const char *what = _("Could not save the answer");
  g_autoptr(HdInspection) inspection = NULL;
  g_autofree char *resolved = NULL;
  gboolean ok = FALSE;
  int level;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (inspection_id != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);
  g_return_val_if_fail (answer >= HD_ANSWER_NONE && answer <= HD_ANSWER_NA, FALSE);

  inspection = get_draft (self, inspection_id, what, error);
  if (inspection == NULL)
    return FALSE;
  resolved = resolve_item (self, inspection, item_id, FALSE, what, error);
  if (resolved == NULL)
    return FALSE;

  level = raise_durability (self);
  if (hd_store_begin (self, what, error))
    {
      ok = write_answer (self, inspection_id, resolved, answer, FALSE, NULL, what, error) &&
           hd_store_commit (self, what, error);
      if (!ok)
        hd_store_rollback (self);
    }
  restore_durability (self, level);
  if (ok)
    emit_one (self, HD_CHANGE_INSPECTIONS, inspection_id);
  return ok;
}

gboolean
hd_store_set_inspection_item_note (HdStore     *self,
                                   const char  *inspection_id,
                                   const char  *item_id,
                                   const char  *note,
                                   GError     **error)
{
  const char *what = _("Could not save the note");
  g_autoptr(HdInspection) inspection = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *now = hd_timestamp_now ();
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int level;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (inspection_id != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  inspection = get_draft (self, inspection_id, what, error);
  if (inspection == NULL)
    return FALSE;
  resolved = resolve_item (self, inspection, item_id, FALSE, what, error);
  if (resolved == NULL)
    return FALSE;
  stmt = hd_store_prepare (self,
                           "SELECT answer FROM inspection_result WHERE inspection_id = ?1 AND item_id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, resolved, -1, SQLITE_TRANSIENT);
  answer = step_text (self, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (answer == NULL)
    {
      /* The schema keeps notes on answer rows (answer NOT NULL). */
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: answer the item first"), what);
      return FALSE;
    }

  level = raise_durability (self);
  if (hd_store_begin (self, what, error))
    {
      stmt = hd_store_prepare (self,
                               "UPDATE inspection_result SET note = ?3, modified = ?4"
                               " WHERE inspection_id = ?1 AND item_id = ?2", error);
      if (stmt != NULL)
        {
          sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, resolved, -1, SQLITE_TRANSIENT);
          hd_sql_bind_text (stmt, 3, is_blank (note) ? NULL : note);
          sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
          ok = hd_store_step_done (self, stmt, what, error) &&
               touch_inspection (self, inspection_id, what, error) &&
               hd_store_commit (self, what, error);
        }
      if (!ok)
        hd_store_rollback (self);
    }
  restore_durability (self, level);
  if (ok)
    emit_one (self, HD_CHANGE_INSPECTIONS, inspection_id);
  return ok;
}

gboolean
hd_store_set_inspection_notes (HdStore     *self,
                               const char  *inspection_id,
                               const char  *notes,
                               GError     **error)
{
  const char *what = _("Could not save the inspection’s notes");
  g_autoptr(HdInspection) inspection = NULL;
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (inspection_id != NULL, FALSE);

  inspection = get_draft (self, inspection_id, what, error);
  if (inspection == NULL)
    return FALSE;
  if (!hd_store_begin (self, what, error))
    return FALSE;
  stmt = hd_store_prepare (self, "UPDATE inspection SET notes = ?2, modified = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 2, is_blank (notes) ? NULL : notes);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error) || !hd_store_commit (self, what, error))
    goto fail;
  emit_one (self, HD_CHANGE_INSPECTIONS, inspection_id);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Suggestions from the data                                                                  */

gboolean
hd_store_suggest_inspection_answers (HdStore     *self,
                                     const char  *inspection_id,
                                     guint       *n_suggested,
                                     GError     **error)
{
  const char *what = _("Could not suggest answers");
  static const struct {
    const char *code;
    HdSiteKind  kind;
  } by_kind[] = {
    { "service_center", HD_SITE_KIND_SERVICE_CENTER },
    { "red_square", HD_SITE_KIND_RED_SQUARE },
    { "corridor", HD_SITE_KIND_CORRIDOR },
  };
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GHashTable) kinds_on_route = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *logo = NULL;
  const char *belt_id;
  sqlite3_stmt *stmt;
  guint route_length = 0, count = 0;
  int rc;
  struct {
    const char *code;
    gboolean    met;
  } suggestions[5];
  guint n = 0;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (inspection_id != NULL, FALSE);

  if (n_suggested != NULL)
    *n_suggested = 0;
  inspection = get_draft (self, inspection_id, what, error);
  if (inspection == NULL)
    return FALSE;
  /* Only the five ones describe what the map holds. */
  if (hd_inspection_get_subject_kind (inspection) != HD_SUBJECT_BELT ||
      g_strcmp0 (hd_inspection_get_set_code (inspection), HD_STANDARD_FIVE_ONES) != 0)
    return TRUE;
  belt_id = hd_inspection_get_belt_id (inspection);

  stmt = hd_store_prepare (self,
                           "SELECT s.kind FROM belt_site bs JOIN site s ON s.id = bs.site_id"
                           " WHERE bs.belt_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      route_length++;
      g_hash_table_add (kinds_on_route, g_strdup (hd_sql_text (stmt, 0)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  /* A logo counts when its file is there (moved or deleted logos are not a logo in use). */
  stmt = hd_store_prepare (self, "SELECT logo_path FROM belt WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, belt_id, -1, SQLITE_TRANSIENT);
  logo = step_text (self, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!is_blank (logo) && !g_file_test (logo, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&logo, g_free);

  /* "Connect points into a line": a route needs at least two sites. */
  suggestions[n].code = "route";
  suggestions[n++].met = route_length >= 2;
  suggestions[n].code = "red_logo";
  suggestions[n++].met = !is_blank (logo);
  for (guint i = 0; i < G_N_ELEMENTS (by_kind); i++)
    {
      suggestions[n].code = by_kind[i].code;
      suggestions[n++].met = g_hash_table_contains (kinds_on_route, hd_site_kind_to_string (by_kind[i].kind));
    }

  if (!hd_store_begin (self, what, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      /* Never over an answer already there: the inspector's word wins. */
      stmt = hd_store_prepare (self,
                               "INSERT INTO inspection_result (inspection_id, item_id, answer, suggested, modified)"
                               " SELECT ?1, it.id, ?3, 1, ?4 FROM standard_item it"
                               " WHERE it.set_id = ?2 AND it.code = ?5"
                               " ON CONFLICT (inspection_id, item_id) DO NOTHING", error);
      if (stmt == NULL)
        goto fail;
      {
        g_autofree char *now = hd_timestamp_now ();

        sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, hd_inspection_get_set_id (inspection), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 3, suggestions[i].met ? "met" : "not_met", -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 5, suggestions[i].code, -1, SQLITE_STATIC);
        if (!hd_store_step_done (self, stmt, what, error))
          goto fail;
      }
      count += (guint) sqlite3_changes (hd_store_get_db (self));
    }
  if (count > 0 && !touch_inspection (self, inspection_id, what, error))
    goto fail;
  if (!hd_store_commit (self, what, error))
    goto fail;
  if (count > 0)
    emit_one (self, HD_CHANGE_INSPECTIONS, inspection_id);
  if (n_suggested != NULL)
    *n_suggested = count;
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Finishing                                                                                  */

/* When an inspection was finished, to the microsecond: "the latest inspection" and "the previous
 * one" are decided by date and then by this, and a correction is often finished within the same
 * second as the inspection it corrects. Fixed width, so text order is time order. */
static char *
finished_stamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

typedef struct {
  char      *item_id;
  char      *code;
  char      *title;
  char      *note;
  HdItemKind kind;
  double     weight;
  HdAnswer   answer;
  gboolean   suggested;
} ChecklistRow;

static void
checklist_row_clear (gpointer data)
{
  ChecklistRow *row = data;

  g_free (row->item_id);
  g_free (row->code);
  g_free (row->title);
  g_free (row->note);
}

static GArray *
read_checklist (HdStore       *self,
                HdInspection  *inspection,
                GError       **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (ChecklistRow));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (rows, checklist_row_clear);
  stmt = hd_store_prepare (self,
                           "SELECT it.id, it.code, it.title_zh, it.kind, it.weight, r.answer, r.suggested,"
                           " r.note FROM standard_item it LEFT JOIN inspection_result r"
                           " ON r.item_id = it.id AND r.inspection_id = ?1"
                           " WHERE it.set_id = ?2 ORDER BY it.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hd_inspection_get_id (inspection), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hd_inspection_get_set_id (inspection), -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChecklistRow row = { 0 };

      row.item_id = g_strdup (hd_sql_text (stmt, 0));
      row.code = g_strdup (hd_sql_text (stmt, 1));
      row.title = g_strdup (hd_sql_text (stmt, 2));
      row.kind = HD_ITEM_KIND_REQUIREMENT;
      hd_item_kind_from_string (hd_sql_text (stmt, 3), &row.kind);
      row.weight = sqlite3_column_double (stmt, 4);
      row.answer = answer_of (hd_sql_text (stmt, 5));
      row.suggested = sqlite3_column_int (stmt, 6) != 0;
      row.note = g_strdup (hd_sql_text (stmt, 7));
      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* "有标志、有党旗 and 3 more": names a few items for an error message. */
static char *
name_items (GPtrArray *titles)
{
  GString *text = g_string_new (NULL);
  guint shown = MIN (titles->len, 3);

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, g_ptr_array_index (titles, i));
    }
  if (titles->len > shown)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                               titles->len - shown),
                            titles->len - shown);
  return g_string_free (text, FALSE);
}

/* Ids of the open tasks of @subject_id for the item with @item_code in a set with @set_code
 * (any version), raised by an inspection dated on or before @date. */
static gboolean
open_tasks_for_item (HdStore     *self,
                     const char  *subject_id,
                     const char  *set_code,
                     const char  *item_code,
                     const char  *date,
                     GPtrArray   *out,
                     GError     **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self,
                                         "SELECT r.id FROM rectification r"
                                         " JOIN standard_item it ON it.id = r.item_id"
                                         " JOIN standard_set st ON st.id = it.set_id"
                                         " LEFT JOIN inspection ri ON ri.id = r.inspection_id"
                                         " WHERE r.state = 'open' AND (r.site_id = ?1 OR r.belt_id = ?1)"
                                         " AND st.code = ?2 AND it.code = ?3"
                                         " AND (ri.date IS NULL OR ri.date <= ?4)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, subject_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, set_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, item_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, date, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, g_strdup (hd_sql_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
hd_inspection_finish_in_transaction (HdStore     *self,
                                     const char  *inspection_id,
                                     GPtrArray   *rectifications,
                                     GError     **error)
{
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) scored = NULL;
  g_autoptr(GPtrArray) unanswered = g_ptr_array_new ();
  g_autoptr(GPtrArray) unconfirmed = g_ptr_array_new ();
  g_autofree char *what = NULL;
  g_autofree char *now = hd_timestamp_now ();
  g_autofree char *finished = finished_stamp ();
  g_autofree char *due_text = NULL;
  const char *subject_id;
  HdScore score;
  HdLight light;
  GDate date, due;
  sqlite3_stmt *stmt;

  {
    g_autoptr(HdInspection) peek = hd_store_get_inspection (self, inspection_id, NULL);

    what = g_strdup_printf (_("Could not finish the inspection of “%s”"),
                            peek ? hd_inspection_get_subject_name (peek) : inspection_id);
  }
  inspection = get_draft (self, inspection_id, what, error);
  if (inspection == NULL)
    return FALSE;
  rows = read_checklist (self, inspection, error);
  if (rows == NULL)
    return FALSE;

  scored = g_array_sized_new (FALSE, TRUE, sizeof (HdScoredAnswer), rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      ChecklistRow *row = &g_array_index (rows, ChecklistRow, i);
      HdScoredAnswer entry = { row->kind, row->weight, row->answer };

      if (row->answer == HD_ANSWER_NONE)
        g_ptr_array_add (unanswered, row->title);
      else if (row->suggested)
        g_ptr_array_add (unconfirmed, row->title);
      g_array_append_val (scored, entry);
    }
  if (unanswered->len > 0)
    {
      g_autofree char *names = name_items (unanswered);

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s: %u item is not answered: %s",
                                "%s: %u items are not answered: %s", unanswered->len),
                   what, unanswered->len, names);
      return FALSE;
    }
  if (unconfirmed->len > 0)
    {
      g_autofree char *names = name_items (unconfirmed);

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s: %u suggested answer is not confirmed: %s",
                                "%s: %u suggested answers are not confirmed: %s", unconfirmed->len),
                   what, unconfirmed->len, names);
      return FALSE;
    }

  hd_score_answers ((const HdScoredAnswer *) (gpointer) scored->data, scored->len, &score);
  light = hd_light_of_score (&score, hd_store_get_red_threshold (self), NULL);

  stmt = hd_store_prepare (self,
                           "UPDATE inspection SET state = 'finished', score = ?2, light = ?3,"
                           " n_met = ?4, n_partly = ?5, n_not_met = ?6, n_na = ?7, red_lines_hit = ?8,"
                           " finished = ?9, modified = ?10 WHERE id = ?1 AND state = 'draft'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (score.has_score)
    sqlite3_bind_double (stmt, 2, score.score);
  sqlite3_bind_text (stmt, 3, hd_light_to_string (light), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, (int) score.n_met);
  sqlite3_bind_int (stmt, 5, (int) score.n_partly);
  sqlite3_bind_int (stmt, 6, (int) score.n_not_met);
  sqlite3_bind_int (stmt, 7, (int) score.n_na);
  sqlite3_bind_int (stmt, 8, (int) score.red_lines_hit);
  sqlite3_bind_text (stmt, 9, finished, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error))
    return FALSE;

  /* Follow-up: failed items become tasks due a month after the visit; items met close the tasks
   * an earlier visit raised for them. Tasks match by set code and item code, so a task raised
   * under version 1 of a set is closed by an inspection with version 2. */
  subject_id = hd_inspection_get_subject_id (inspection);
  if (!hd_date_parse (hd_inspection_get_date (inspection), &date))
    g_return_val_if_reached (FALSE);
  due = date;
  g_date_add_days (&due, HD_RECTIFICATION_DUE_DAYS);
  due_text = hd_date_to_string (&due);

  for (guint i = 0; i < rows->len; i++)
    {
      ChecklistRow *row = &g_array_index (rows, ChecklistRow, i);
      g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_free);
      gboolean failed = row->answer == HD_ANSWER_NOT_MET || row->answer == HD_ANSWER_PARTLY;

      if (!failed && row->answer != HD_ANSWER_MET)
        continue;
      if (!open_tasks_for_item (self, subject_id, hd_inspection_get_set_code (inspection), row->code,
                                hd_inspection_get_date (inspection), open, error))
        return FALSE;

      if (failed && open->len == 0)
        {
          HdRectificationList list = row->kind == HD_ITEM_KIND_REQUIREMENT && row->answer == HD_ANSWER_PARTLY
                                       ? HD_RECTIFICATION_IMPROVEMENT : HD_RECTIFICATION_PROBLEM;
          g_autofree char *id = hd_new_id ();
          g_autofree char *description = NULL;

          if (!is_blank (row->note))
            /* Translators: a rectification task's text: the item's title, then the inspector's note. */
            description = g_strdup_printf (C_("rectification description", "%s: %s"), row->title, row->note);
          else
            description = g_strdup (row->title);
          stmt = hd_store_prepare (self,
                                   "INSERT INTO rectification (id, inspection_id, item_id, site_id, belt_id,"
                                   " list, description, due_date, state, created, modified)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', ?9, ?9)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, inspection_id, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, row->item_id, -1, SQLITE_TRANSIENT);
          hd_sql_bind_text (stmt, 4, hd_inspection_get_site_id (inspection));
          hd_sql_bind_text (stmt, 5, hd_inspection_get_belt_id (inspection));
          sqlite3_bind_text (stmt, 6, hd_rectification_list_to_string (list), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 7, description, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 8, due_text, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
          if (!hd_store_step_done (self, stmt, what, error))
            return FALSE;
          if (rectifications != NULL)
            g_ptr_array_add (rectifications, g_steal_pointer (&id));
        }
      else if (!failed)
        {
          for (guint k = 0; k < open->len; k++)
            {
              stmt = hd_store_prepare (self,
                                       "UPDATE rectification SET state = 'done', closed_by_inspection_id = ?2,"
                                       " closed_date = ?3, modified = ?4 WHERE id = ?1", error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_text (stmt, 1, g_ptr_array_index (open, k), -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (stmt, 2, inspection_id, -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (stmt, 3, hd_inspection_get_date (inspection), -1, SQLITE_TRANSIENT);
              sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
              if (!hd_store_step_done (self, stmt, what, error))
                return FALSE;
              if (rectifications != NULL)
                g_ptr_array_add (rectifications, g_strdup (g_ptr_array_index (open, k)));
            }
        }
    }
  return TRUE;
}

static gboolean check_photo_evidence (HdStore     *self,
                                      const char  *inspection_id,
                                      GError     **error);

gboolean
hd_store_finish_inspection (HdStore     *self,
                            const char  *inspection_id,
                            GError     **error)
{
  const char *what = _("Could not finish the inspection");
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (inspection_id != NULL, FALSE);

  if (!hd_store_begin (self, what, error))
    return FALSE;
  /* The photo rule holds for the inspector's own finishing; the sample loader finishes through
   * hd_inspection_finish_in_transaction() and has no photos to give. Checked after it so that
   * unanswered items are reported first. */
  if (!hd_inspection_finish_in_transaction (self, inspection_id, tasks, error) ||
      !check_photo_evidence (self, inspection_id, error) ||
      !hd_store_commit (self, what, error))
    {
      hd_store_rollback (self);
      return FALSE;
    }
  emit_one (self, HD_CHANGE_INSPECTIONS, inspection_id);
  emit_many (self, HD_CHANGE_RECTIFICATIONS, tasks);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Photo evidence                                                                             */

#define PHOTO_COLUMNS "id, inspection_id, item_id, path, sha256, mime_type, caption, created"

static HdInspectionPhoto *
photo_from_row (sqlite3_stmt *stmt)
{
  return hd_inspection_photo_new_from_row (hd_sql_text (stmt, 0), hd_sql_text (stmt, 1),
                                           hd_sql_text (stmt, 2), hd_sql_text (stmt, 3),
                                           hd_sql_text (stmt, 4), hd_sql_text (stmt, 5),
                                           hd_sql_text (stmt, 6), hd_sql_text (stmt, 7));
}

HdInspectionPhoto *
hd_store_add_inspection_photo (HdStore     *self,
                               const char  *inspection_id,
                               const char  *item_id,
                               const char  *path,
                               GError     **error)
{
  const char *what = _("Could not attach the photo");
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(HdInspectionPhoto) photo = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *id = hd_new_id ();
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (inspection_id != NULL, NULL);
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);

  inspection = get_draft (self, inspection_id, what, error);
  if (inspection == NULL)
    return NULL;
  if (item_id != NULL)
    {
      resolved = resolve_item (self, inspection, item_id, FALSE, what, error);
      if (resolved == NULL)
        return NULL;
    }

  /* By reference: the inspector's photo folder stays the one copy, so the path must not depend
   * on where the app happened to be started. */
  absolute = g_canonicalize_filename (path, NULL);
  file = g_file_new_for_path (absolute);
  /* Read and hashed before the transaction: a slow disk must not hold the write lock. */
  if (!hd_file_describe (file, what, &mime_type, &sha256, error))
    return NULL;
  if (!g_str_has_prefix (mime_type, "image/"))
    {
      g_autofree char *display = g_file_get_parse_name (file);

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: “%s” is not an image"), what, display);
      return NULL;
    }

  if (!hd_store_begin (self, what, error))
    return NULL;
  stmt = hd_store_prepare (self,
                           "INSERT INTO attachment (id, site_id, belt_id, inspection_id, item_id, path,"
                           " sha256, mime_type, caption, created, modified)"
                           " VALUES (?1, NULL, NULL, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?7)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, inspection_id, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 3, resolved);
  sqlite3_bind_text (stmt, 4, absolute, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, mime_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error) ||
      !touch_inspection (self, inspection_id, what, error) ||
      !hd_store_commit (self, what, error))
    goto fail;
  photo = hd_inspection_photo_new_from_row (id, inspection_id, resolved, absolute, sha256,
                                            mime_type, NULL, now);
  emit_one (self, HD_CHANGE_INSPECTIONS, inspection_id);
  return g_steal_pointer (&photo);

fail:
  hd_store_rollback (self);
  return NULL;
}

GListStore *
hd_store_list_inspection_photos (HdStore     *self,
                                 const char  *inspection_id,
                                 const char  *item_id,
                                 GError     **error)
{
  g_autoptr(GListStore) list = g_list_store_new (HD_TYPE_INSPECTION_PHOTO);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (inspection_id != NULL, NULL);

  stmt = hd_store_prepare (self,
                           item_id != NULL
                             ? "SELECT " PHOTO_COLUMNS " FROM attachment"
                               " WHERE inspection_id = ?1 AND item_id = ?2 ORDER BY created, id"
                             : "SELECT " PHOTO_COLUMNS " FROM attachment"
                               " WHERE inspection_id = ?1 ORDER BY created, id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (item_id != NULL)
    sqlite3_bind_text (stmt, 2, item_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HdInspectionPhoto) photo = photo_from_row (stmt);

      g_list_store_append (list, photo);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  /* After the statement is reset: checking reads files and may take a while. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(HdInspectionPhoto) photo = g_list_model_get_item (G_LIST_MODEL (list), i);

      hd_inspection_photo_check (photo, NULL);
    }
  return g_steal_pointer (&list);
}

gboolean
hd_store_remove_inspection_photo (HdStore     *self,
                                  const char  *photo_id,
                                  GError     **error)
{
  const char *what = _("Could not remove the photo");
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *inspection_id = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (photo_id != NULL, FALSE);

  stmt = hd_store_prepare (self, "SELECT inspection_id FROM attachment WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, photo_id, -1, SQLITE_TRANSIENT);
  inspection_id = step_text (self, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (inspection_id == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no photo %s"), what, photo_id);
      return FALSE;
    }
  inspection = get_draft (self, inspection_id, what, error);
  if (inspection == NULL)
    return FALSE;

  /* Undoable: a photo removed by mistake comes back with Ctrl+Z (while the inspection is a
   * draft; the inspection row is in the step, so undo after a finish is refused as a conflict). */
  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  stmt = hd_store_prepare (self, "DELETE FROM attachment WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, photo_id, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error) ||
      !touch_inspection (self, inspection_id, what, error) ||
      !hd_store_commit_command (self, what, g_strdup (_("Remove Photo")), error))
    return FALSE;
  emit_one (self, HD_CHANGE_INSPECTIONS, inspection_id);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

/* Items that require photo evidence, answered met or partly (the evidence shows what is there),
 * with no photo attached: the finish is refused, naming them. */
static gboolean
check_photo_evidence (HdStore     *self,
                      const char  *inspection_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) lacking = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(HdInspection) inspection = hd_store_get_inspection (self, inspection_id, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = hd_store_prepare (self,
                           "SELECT it.title_zh FROM inspection_result r"
                           " JOIN standard_item it ON it.id = r.item_id"
                           " WHERE r.inspection_id = ?1 AND it.photo_required = 1"
                           " AND r.answer IN ('met', 'partly')"
                           " AND NOT EXISTS (SELECT 1 FROM attachment a"
                           "   WHERE a.inspection_id = r.inspection_id AND a.item_id = r.item_id)"
                           " ORDER BY it.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (lacking, g_strdup (hd_sql_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  if (lacking->len > 0)
    {
      g_autofree char *names = name_items (lacking);
      g_autofree char *what = g_strdup_printf (_("Could not finish the inspection of “%s”"),
                                               inspection ? hd_inspection_get_subject_name (inspection)
                                                          : inspection_id);

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s: %u item needs a photo as evidence: %s",
                                "%s: %u items need a photo as evidence: %s", lacking->len),
                   what, lacking->len, names);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Corrections and drafts                                                                     */

HdInspection *
hd_store_correct_inspection (HdStore     *self,
                             const char  *inspection_id,
                             GError     **error)
{
  const char *what = _("Could not start a correction");
  g_autoptr(HdInspection) original = NULL;
  g_autoptr(HdInspection) correction = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *id = hd_new_id ();
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (inspection_id != NULL, NULL);

  original = hd_store_get_inspection (self, inspection_id, &local_error);
  if (original == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", what, local_error->message);
      return NULL;
    }
  if (hd_inspection_get_state (original) != HD_INSPECTION_FINISHED)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: the inspection is still a draft; change it directly"), what);
      return NULL;
    }

  if (!hd_store_begin (self, what, error))
    return NULL;
  /* The same set version as the original, even when a newer one exists: the correction fixes
   * that visit's answers, item for item. */
  if (!insert_inspection (self, id, hd_inspection_get_subject_kind (original),
                          hd_inspection_get_subject_id (original), hd_inspection_get_set_id (original),
                          hd_inspection_get_inspector (original), hd_inspection_get_date (original),
                          inspection_id, hd_inspection_get_notes (original), what, error))
    goto fail;
  stmt = hd_store_prepare (self,
                           "INSERT INTO inspection_result (inspection_id, item_id, answer, suggested, note, modified)"
                           " SELECT ?1, item_id, answer, 0, note, ?3 FROM inspection_result"
                           " WHERE inspection_id = ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error))
    goto fail;
  correction = hd_store_get_inspection (self, id, error);
  if (correction == NULL || !hd_store_commit (self, what, error))
    goto fail;
  emit_one (self, HD_CHANGE_INSPECTIONS, id);
  return g_steal_pointer (&correction);

fail:
  hd_store_rollback (self);
  return NULL;
}

gboolean
hd_store_delete_inspection (HdStore     *self,
                            const char  *inspection_id,
                            GError     **error)
{
  const char *what = _("Could not delete the inspection");
  g_autoptr(HdInspection) inspection = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (inspection_id != NULL, FALSE);

  inspection = get_draft (self, inspection_id, what, error);
  if (inspection == NULL)
    return FALSE;
  if (!hd_store_begin (self, what, error))
    return FALSE;
  stmt = hd_store_prepare (self, "DELETE FROM inspection WHERE id = ?1 AND state = 'draft'", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error) || !hd_store_commit (self, what, error))
    goto fail;
  emit_one (self, HD_CHANGE_INSPECTIONS, inspection_id);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* History                                                                                    */

char *
hd_store_dup_previous_inspection_id (HdStore     *self,
                                     const char  *inspection_id,
                                     GError     **error)
{
  g_autoptr(HdInspection) inspection = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (inspection_id != NULL, NULL);

  inspection = hd_store_get_inspection (self, inspection_id, error);
  if (inspection == NULL)
    return NULL;
  stmt = hd_store_prepare (self,
                           "SELECT i.id FROM inspection i JOIN standard_set ss ON ss.id = i.set_id"
                           " WHERE i.state = 'finished' AND i.id <> ?1"
                           " AND (i.site_id = ?2 OR i.belt_id = ?2) AND ss.code = ?3"
                           " AND (i.date < ?4 OR (i.date = ?4 AND i.finished < ?5))"
                           " ORDER BY i.date DESC, i.finished DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hd_inspection_get_subject_id (inspection), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hd_inspection_get_set_code (inspection), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, hd_inspection_get_date (inspection), -1, SQLITE_TRANSIENT);
  /* A draft comes after every inspection finished on its day. */
  sqlite3_bind_text (stmt, 5, hd_inspection_get_finished (inspection) ? hd_inspection_get_finished (inspection)
                                                                        : "9999", -1, SQLITE_TRANSIENT);
  return step_text (self, stmt, error);
}

static GListStore *
list_answers (HdStore     *self,
              const char  *inspection_id,
              gboolean     worse_only,
              GError     **error)
{
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *previous = NULL;
  sqlite3_stmt *stmt;
  int rc;

  inspection = hd_store_get_inspection (self, inspection_id, error);
  if (inspection == NULL)
    return NULL;
  previous = hd_store_dup_previous_inspection_id (self, inspection_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* The previous inspection may have used another version of the set: match items by code. */
  stmt = hd_store_prepare (self,
                           "SELECT it.id, it.position, it.code, it.title_zh, it.title_en, it.guidance,"
                           " it.kind, it.weight, it.photo_required, it.category, r.answer, r.suggested,"
                           " r.note, (SELECT pr.answer FROM inspection_result pr"
                           "          JOIN standard_item pit ON pit.id = pr.item_id"
                           "          WHERE pr.inspection_id = ?3 AND pit.code = it.code)"
                           " FROM standard_item it LEFT JOIN inspection_result r"
                           " ON r.item_id = it.id AND r.inspection_id = ?1"
                           " WHERE it.set_id = ?2 ORDER BY it.position", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, inspection_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, hd_inspection_get_set_id (inspection), -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 3, previous);
  list = g_list_store_new (HD_TYPE_INSPECTION_ANSWER);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HdInspectionAnswer) row = NULL;
      HdItemKind kind = HD_ITEM_KIND_REQUIREMENT;
      HdAnswer answer = answer_of (hd_sql_text (stmt, 10));
      HdAnswer before = answer_of (hd_sql_text (stmt, 13));
      gboolean worse = answer_rank (answer) > 0 && answer_rank (before) > 0 &&
                       answer_rank (answer) < answer_rank (before);

      if (worse_only && !worse)
        continue;
      hd_item_kind_from_string (hd_sql_text (stmt, 6), &kind);
      row = g_object_new (HD_TYPE_INSPECTION_ANSWER,
                          "item-id", hd_sql_text (stmt, 0),
                          "position", sqlite3_column_int (stmt, 1),
                          "code", hd_sql_text (stmt, 2),
                          "title", hd_sql_text (stmt, 3),
                          "title-en", hd_sql_text (stmt, 4),
                          "guidance", hd_sql_text (stmt, 5),
                          "kind", kind,
                          "weight", sqlite3_column_double (stmt, 7),
                          "photo-required", sqlite3_column_int (stmt, 8) != 0,
                          "category", hd_sql_text (stmt, 9),
                          "answer", answer,
                          "suggested", sqlite3_column_int (stmt, 11) != 0,
                          "note", hd_sql_text (stmt, 12),
                          "previous-answer", before,
                          "worse", worse,
                          NULL);
      g_list_store_append (list, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GListStore *
hd_store_list_inspection_answers (HdStore     *self,
                                  const char  *inspection_id,
                                  GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (inspection_id != NULL, NULL);

  return list_answers (self, inspection_id, FALSE, error);
}

GListStore *
hd_store_list_worse_answers (HdStore     *self,
                             const char  *inspection_id,
                             GError     **error)
{
  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (inspection_id != NULL, NULL);

  return list_answers (self, inspection_id, TRUE, error);
}

/* ------------------------------------------------------------------------------------------ */
/* The due queue                                                                              */

GListStore *
hd_store_list_due_inspections (HdStore      *self,
                               const GDate  *today,
                               const char   *region_id,
                               GError      **error)
{
  /* Subjects with no finished inspection since the quarter began. The region filter takes the
   * region and everything inside it (a district's towns). */
  static const char sql[] =
    "WITH RECURSIVE inside (id) AS ("
    "  SELECT ?2 WHERE ?2 IS NOT NULL"
    "  UNION SELECT r.id FROM region r JOIN inside ON r.parent_id = inside.id),"
    " last_site AS (SELECT site_id, max (date) AS d FROM inspection"
    "  WHERE state = 'finished' AND site_id IS NOT NULL GROUP BY site_id),"
    " last_belt AS (SELECT belt_id, max (date) AS d FROM inspection"
    "  WHERE state = 'finished' AND belt_id IS NOT NULL GROUP BY belt_id)"
    " SELECT kind, id, name, region_id, last FROM ("
    "  SELECT 'site' AS kind, s.id AS id, s.name AS name, s.region_id AS region_id, l.d AS last,"
    "   s.rowid AS added FROM site s LEFT JOIN last_site l ON l.site_id = s.id"
    "   WHERE (l.d IS NULL OR l.d < ?1) AND (?2 IS NULL OR s.region_id IN (SELECT id FROM inside))"
    "  UNION ALL"
    "  SELECT 'belt', b.id, b.name, b.region_id, l.d, b.rowid FROM belt b"
    "   LEFT JOIN last_belt l ON l.belt_id = b.id"
    "   WHERE (l.d IS NULL OR l.d < ?1) AND (?2 IS NULL OR b.region_id IN (SELECT id FROM inside)))"
    " ORDER BY last IS NOT NULL, last, name, kind, added";
  g_autoptr(GListStore) list = NULL;
  g_autofree char *quarter_start = NULL;
  GDate first;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  hd_date_quarter_bounds (today, &first, NULL);
  quarter_start = hd_date_to_string (&first);
  stmt = hd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, quarter_start, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 2, region_id);
  list = g_list_store_new (HD_TYPE_DUE_SUBJECT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HdDueSubject) due = NULL;
      const char *last = hd_sql_text (stmt, 4);
      GDate last_date;
      int days = -1;

      if (last != NULL && hd_date_parse (last, &last_date))
        days = g_date_days_between (&last_date, today);
      due = g_object_new (HD_TYPE_DUE_SUBJECT,
                          "subject-kind", g_str_equal (hd_sql_text (stmt, 0), "belt") ? HD_SUBJECT_BELT
                                                                                      : HD_SUBJECT_SITE,
                          "subject-id", hd_sql_text (stmt, 1),
                          "name", hd_sql_text (stmt, 2),
                          "region-id", hd_sql_text (stmt, 3),
                          "last-date", last,
                          "days-since", days,
                          NULL);
      g_list_store_append (list, due);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* ------------------------------------------------------------------------------------------ */
/* Lights                                                                                     */

/* The latest finished inspection of one set code, while one subject's rows are read. */
typedef struct {
  const char *code;          /* owned by the set-code table */
  char        date[11];      /* "YYYY-MM-DD" */
  char        finished[40];  /* ISO 8601, to the microsecond: breaks ties within a day */
  gboolean    has_score;
  double      score;
  int         n_partly;
  int         n_not_met;
  int         red_lines_hit;
} LatestOfSet;

/* The statements of one light computation, each reading an index in subject order: the subjects,
 * the summaries of their finished inspections (by set version, then date and time finished, so
 * the last row of a version is its latest), and the due dates of their open tasks (earliest
 * first). The three are merged in one pass: no per-subject query, no hash lookup per subject, and
 * no GROUP BY, which would make SQLite sort 100k rows in a temporary b-tree (measured: 270 ms
 * against 45 ms for the plain index scans). INDEXED BY pins the partial indexes of schema
 * version 3, which the planner, lacking statistics, would pass over for rectification_by_state. */
typedef struct {
  const char *subjects;
  const char *latest;
  const char *open_due;
} LightQueries;

/* Score and tallies come as two values, not four: each sqlite3_column_*() call takes the
 * connection's mutex, and there are 100k rows. The tallies are packed 21 bits apiece (an
 * inspection has at most HD_STANDARD_MAX_ITEMS items); a NULL score reads as -1. */
#define LATEST_COLUMNS \
  "set_id, date, finished, coalesce (score, -1.0)," \
  " n_partly | (n_not_met << 21) | (red_lines_hit << 42)"
#define TALLY_MASK ((1 << 21) - 1)

static const LightQueries site_queries_all = {
  "SELECT id FROM site ORDER BY id",
  "SELECT site_id, " LATEST_COLUMNS " FROM inspection INDEXED BY inspection_latest_site"
  " WHERE state = 'finished' AND site_id IS NOT NULL ORDER BY site_id, set_id, date, finished",
  "SELECT site_id, due_date FROM rectification INDEXED BY rectification_open_site"
  " WHERE state = 'open' AND site_id IS NOT NULL AND due_date IS NOT NULL ORDER BY site_id, due_date",
};

static const LightQueries belt_queries_all = {
  "SELECT id FROM belt ORDER BY id",
  "SELECT belt_id, " LATEST_COLUMNS " FROM inspection INDEXED BY inspection_latest_belt"
  " WHERE state = 'finished' AND belt_id IS NOT NULL ORDER BY belt_id, set_id, date, finished",
  "SELECT belt_id, due_date FROM rectification INDEXED BY rectification_open_belt"
  " WHERE state = 'open' AND belt_id IS NOT NULL AND due_date IS NOT NULL ORDER BY belt_id, due_date",
};

static const LightQueries site_queries_one = {
  "SELECT id FROM site WHERE id = ?1",
  "SELECT site_id, " LATEST_COLUMNS " FROM inspection INDEXED BY inspection_latest_site"
  " WHERE state = 'finished' AND site_id = ?1 ORDER BY site_id, set_id, date, finished",
  "SELECT site_id, due_date FROM rectification INDEXED BY rectification_open_site"
  " WHERE state = 'open' AND site_id = ?1 AND due_date IS NOT NULL ORDER BY site_id, due_date",
};

static const LightQueries belt_queries_one = {
  "SELECT id FROM belt WHERE id = ?1",
  "SELECT belt_id, " LATEST_COLUMNS " FROM inspection INDEXED BY inspection_latest_belt"
  " WHERE state = 'finished' AND belt_id = ?1 ORDER BY belt_id, set_id, date, finished",
  "SELECT belt_id, due_date FROM rectification INDEXED BY rectification_open_belt"
  " WHERE state = 'open' AND belt_id = ?1 AND due_date IS NOT NULL ORDER BY belt_id, due_date",
};

/* set id → set code, for every version (a few dozen rows). */
static GHashTable *
read_set_codes (HdStore  *self,
                GError  **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = hd_store_prepare (self, "SELECT id, code FROM standard_set", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (codes, g_strdup (hd_sql_text (stmt, 0)), g_strdup (hd_sql_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&codes);
}

/* One of the three statements being merged, with the subject id of its current row: every
 * sqlite3_column_*() call takes the connection's mutex, so the key is read once per row. */
typedef struct {
  sqlite3_stmt *stmt;
  const char   *key;   /* NULL at the end */
  int           rc;
} Cursor;

static void
cursor_next (Cursor *cursor)
{
  cursor->rc = sqlite3_step (cursor->stmt);
  cursor->key = cursor->rc == SQLITE_ROW ? hd_sql_text (cursor->stmt, 0) : NULL;
}

/* Moves @cursor past the rows of subjects before @id (none, with foreign keys on); returns
 * whether it is on a row of @id. SQLite's BINARY collation compares bytes as strcmp does, so all
 * three statements are in one order. */
static gboolean
cursor_seek (Cursor     *cursor,
             const char *id)
{
  int order = -1;

  while (cursor->key != NULL && (order = strcmp (cursor->key, id)) < 0)
    cursor_next (cursor);
  return cursor->key != NULL && order == 0;
}

static gboolean
compute_lights_of_kind (HdStore            *self,
                        const LightQueries *queries,
                        const char         *only_id,
                        GHashTable         *set_codes,
                        const GDate        *today,
                        double              threshold,
                        GHashTable         *lights,
                        HdLightReasons     *reasons,
                        GError            **error)
{
  g_autoptr(GArray) sets = g_array_new (FALSE, TRUE, sizeof (LatestOfSet));
  Cursor subjects = { 0 }, latest = { 0 }, open_due = { 0 };
  char last_set_id[64] = "";
  const char *last_code = NULL;
  gboolean ok = FALSE;

  /* Three statements stepped together: each needs its own cached statement. */
  subjects.stmt = hd_store_prepare (self, queries->subjects, error);
  latest.stmt = subjects.stmt ? hd_store_prepare (self, queries->latest, error) : NULL;
  open_due.stmt = latest.stmt ? hd_store_prepare (self, queries->open_due, error) : NULL;
  if (open_due.stmt == NULL)
    return FALSE;
  if (only_id != NULL)
    {
      sqlite3_bind_text (subjects.stmt, 1, only_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (latest.stmt, 1, only_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (open_due.stmt, 1, only_id, -1, SQLITE_TRANSIENT);
    }

  cursor_next (&latest);
  cursor_next (&open_due);
  for (cursor_next (&subjects); subjects.key != NULL; cursor_next (&subjects))
    {
      const char *id = subjects.key;
      HdLightInput input;
      HdLight light;

      hd_light_input_init (&input);
      g_array_set_size (sets, 0);

      for (gboolean on = cursor_seek (&latest, id); on; cursor_next (&latest), on = g_strcmp0 (latest.key, id) == 0)
        {
          const char *set_id = hd_sql_text (latest.stmt, 1);
          const char *date = hd_sql_text (latest.stmt, 2);
          const char *finished = NULL;
          LatestOfSet *slot = NULL;
          gint64 tallies;
          int order = 1;

          if (set_id == NULL || date == NULL)
            continue;
          /* Most rows are of the same few sets: look the code up only when the set changes. */
          if (strcmp (set_id, last_set_id) != 0)
            {
              last_code = g_hash_table_lookup (set_codes, set_id);
              g_strlcpy (last_set_id, set_id, sizeof last_set_id);
            }
          if (last_code == NULL)
            continue;
          for (guint k = 0; k < sets->len && slot == NULL; k++)
            if (g_array_index (sets, LatestOfSet, k).code == last_code)
              slot = &g_array_index (sets, LatestOfSet, k);
          /* Rows of one version come oldest first; of several versions of a set, the latest
           * inspection of any of them counts (the time finished decides within a day). */
          if (slot != NULL && (order = strcmp (date, slot->date)) < 0)
            continue;
          if (slot != NULL && order == 0)
            {
              finished = hd_sql_text (latest.stmt, 3);
              if (strcmp (finished ? finished : "", slot->finished) < 0)
                continue;
            }
          if (slot == NULL)
            {
              g_array_set_size (sets, sets->len + 1);
              slot = &g_array_index (sets, LatestOfSet, sets->len - 1);
              slot->code = last_code;
            }
          if (finished == NULL)
            finished = hd_sql_text (latest.stmt, 3);
          g_strlcpy (slot->date, date, sizeof slot->date);
          g_strlcpy (slot->finished, finished ? finished : "", sizeof slot->finished);
          slot->score = sqlite3_column_double (latest.stmt, 4);
          slot->has_score = slot->score >= 0.0;
          tallies = sqlite3_column_int64 (latest.stmt, 5);
          slot->n_partly = (int) (tallies & TALLY_MASK);
          slot->n_not_met = (int) ((tallies >> 21) & TALLY_MASK);
          slot->red_lines_hit = (int) ((tallies >> 42) & TALLY_MASK);
        }

      /* Earliest first: the first row is the one that matters, the rest are skipped. */
      if (cursor_seek (&open_due, id))
        {
          hd_date_parse (hd_sql_text (open_due.stmt, 1), &input.oldest_open_due);
          while (g_strcmp0 (open_due.key, id) == 0)
            cursor_next (&open_due);
        }

      /* One light from the latest inspection of each set: the worst score, every problem, and
       * the most recent visit for the quarterly cadence. */
      for (guint k = 0; k < sets->len; k++)
        {
          LatestOfSet *slot = &g_array_index (sets, LatestOfSet, k);
          GDate date;

          if (!hd_date_parse (slot->date, &date))
            continue;
          if (!input.inspected || g_date_compare (&date, &input.last_date) > 0)
            input.last_date = date;
          input.inspected = TRUE;
          if (slot->has_score && (!input.has_score || slot->score < input.score))
            input.score = slot->score;
          input.has_score |= slot->has_score;
          input.n_partly += (guint) MAX (slot->n_partly, 0);
          input.n_not_met += (guint) MAX (slot->n_not_met, 0);
          input.red_lines_hit += (guint) MAX (slot->red_lines_hit, 0);
        }
      light = hd_light_compute (&input, today, threshold, reasons);
      if (lights != NULL)
        g_hash_table_insert (lights, g_strdup (id), GINT_TO_POINTER (light));
    }
  if (subjects.rc != SQLITE_DONE || (latest.rc != SQLITE_DONE && latest.rc != SQLITE_ROW) ||
      (open_due.rc != SQLITE_DONE && open_due.rc != SQLITE_ROW))
    hd_sql_read_error (self, error);
  else
    ok = TRUE;
  sqlite3_reset (subjects.stmt);
  sqlite3_reset (latest.stmt);
  sqlite3_reset (open_due.stmt);
  return ok;
}

gboolean
hd_store_compute_lights (HdStore      *self,
                         const GDate  *today,
                         GHashTable  **site_lights,
                         GHashTable  **belt_lights,
                         GError      **error)
{
  g_autoptr(GHashTable) codes = NULL;
  g_autoptr(GHashTable) sites = NULL;
  g_autoptr(GHashTable) belts = NULL;
  double threshold;
  gboolean ok, own_transaction;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  codes = read_set_codes (self, error);
  if (codes == NULL)
    return FALSE;
  threshold = hd_store_get_red_threshold (self);
  if (site_lights != NULL)
    sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (belt_lights != NULL)
    belts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* One read transaction, so sites and belts are seen at the same moment (unless the caller has
   * one open already). */
  own_transaction = sqlite3_get_autocommit (hd_store_get_db (self));
  if (own_transaction && !hd_store_exec (self, "BEGIN", _("Reading the workspace failed"), error))
    return FALSE;
  ok = (sites == NULL ||
        compute_lights_of_kind (self, &site_queries_all, NULL, codes, today, threshold, sites, NULL, error)) &&
       (belts == NULL ||
        compute_lights_of_kind (self, &belt_queries_all, NULL, codes, today, threshold, belts, NULL, error));
  if (own_transaction)
    hd_store_exec (self, "COMMIT", "", NULL);
  if (!ok)
    return FALSE;
  if (site_lights != NULL)
    *site_lights = g_steal_pointer (&sites);
  if (belt_lights != NULL)
    *belt_lights = g_steal_pointer (&belts);
  return TRUE;
}

HdLight
hd_store_compute_subject_light (HdStore         *self,
                                const char      *subject_id,
                                const GDate     *today,
                                HdLightReasons  *reasons,
                                GError         **error)
{
  g_autoptr(GHashTable) codes = NULL;
  g_autoptr(GHashTable) lights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  HdLightReasons why = HD_LIGHT_REASON_NEVER_INSPECTED | HD_LIGHT_REASON_INSPECTION_DUE;
  double threshold;
  gpointer value;

  if (reasons != NULL)
    *reasons = why;
  g_return_val_if_fail (HD_IS_STORE (self), HD_LIGHT_GREY);
  g_return_val_if_fail (subject_id != NULL, HD_LIGHT_GREY);
  g_return_val_if_fail (today != NULL && g_date_valid (today), HD_LIGHT_GREY);

  codes = read_set_codes (self, error);
  if (codes == NULL)
    return HD_LIGHT_GREY;
  threshold = hd_store_get_red_threshold (self);
  if (!compute_lights_of_kind (self, &site_queries_one, subject_id, codes, today, threshold, lights,
                               &why, error))
    return HD_LIGHT_GREY;
  if (!g_hash_table_contains (lights, subject_id) &&
      !compute_lights_of_kind (self, &belt_queries_one, subject_id, codes, today, threshold, lights,
                               &why, error))
    return HD_LIGHT_GREY;
  if (!g_hash_table_lookup_extended (lights, subject_id, NULL, &value))
    return HD_LIGHT_GREY;
  if (reasons != NULL)
    *reasons = why;
  return (HdLight) GPOINTER_TO_INT (value);
}

/* ------------------------------------------------------------------------------------------ */
/* Rectifications                                                                             */

#define RECTIFICATION_QUERY \
  "SELECT r.id, r.inspection_id, i.date, r.item_id, it.code, r.site_id, r.belt_id," \
  " coalesce (s.name, b.name), coalesce (s.region_id, b.region_id), r.list, r.description," \
  " r.owner, r.due_date, r.state, r.closed_by_inspection_id, r.closed_date, r.created, r.modified" \
  " FROM rectification r LEFT JOIN inspection i ON i.id = r.inspection_id" \
  " LEFT JOIN standard_item it ON it.id = r.item_id" \
  " LEFT JOIN site s ON s.id = r.site_id LEFT JOIN belt b ON b.id = r.belt_id"

static HdRectification *
rectification_from_row (sqlite3_stmt *stmt,
                        const char   *today)
{
  HdRectificationList list = HD_RECTIFICATION_PROBLEM;
  HdRectificationState state = HD_RECTIFICATION_OPEN;
  const char *due = hd_sql_text (stmt, 12);

  hd_rectification_list_from_string (hd_sql_text (stmt, 9), &list);
  hd_rectification_state_from_string (hd_sql_text (stmt, 13), &state);
  return g_object_new (HD_TYPE_RECTIFICATION,
                       "id", hd_sql_text (stmt, 0),
                       "inspection-id", hd_sql_text (stmt, 1),
                       "inspection-date", hd_sql_text (stmt, 2),
                       "item-id", hd_sql_text (stmt, 3),
                       "item-code", hd_sql_text (stmt, 4),
                       "subject-kind", hd_sql_text (stmt, 6) != NULL ? HD_SUBJECT_BELT : HD_SUBJECT_SITE,
                       "site-id", hd_sql_text (stmt, 5),
                       "belt-id", hd_sql_text (stmt, 6),
                       "subject-name", hd_sql_text (stmt, 7),
                       "region-id", hd_sql_text (stmt, 8),
                       "list", list,
                       "description", hd_sql_text (stmt, 10),
                       "owner", hd_sql_text (stmt, 11),
                       "due-date", due,
                       "state", state,
                       "overdue", state == HD_RECTIFICATION_OPEN && due != NULL && strcmp (due, today) < 0,
                       "closed-by-inspection-id", hd_sql_text (stmt, 14),
                       "closed-date", hd_sql_text (stmt, 15),
                       "created", hd_sql_text (stmt, 16),
                       "modified", hd_sql_text (stmt, 17),
                       NULL);
}

GListStore *
hd_store_list_rectifications (HdStore                     *self,
                              const HdRectificationFilter *filter,
                              const GDate                 *today,
                              GError                     **error)
{
  static const char sql[] =
    RECTIFICATION_QUERY
    " WHERE (?1 OR r.state = 'open')"
    " AND (?2 IS NULL OR r.site_id = ?2 OR r.belt_id = ?2)"
    " AND (NOT ?3 OR (r.state = 'open' AND r.due_date < ?4))"
    " AND (?5 IS NULL OR coalesce (s.region_id, b.region_id) IN ("
    "   WITH RECURSIVE inside (id) AS (SELECT ?5"
    "     UNION SELECT g.id FROM region g JOIN inside ON g.parent_id = inside.id)"
    "   SELECT id FROM inside))"
    " ORDER BY r.due_date IS NULL, r.due_date, coalesce (s.name, b.name), it.position, r.created";
  HdRectificationFilter none = { 0 };
  g_autoptr(GListStore) list = NULL;
  g_autofree char *today_text = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (filter == NULL)
    filter = &none;
  today_text = hd_date_to_string (today);
  stmt = hd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->include_closed ? 1 : 0);
  hd_sql_bind_text (stmt, 2, filter->subject_id);
  sqlite3_bind_int (stmt, 3, filter->overdue_only ? 1 : 0);
  sqlite3_bind_text (stmt, 4, today_text, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 5, filter->region_id);
  list = g_list_store_new (HD_TYPE_RECTIFICATION);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(HdRectification) task = rectification_from_row (stmt, today_text);

      g_list_store_append (list, task);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* The task's current state, or FALSE with NOT_FOUND. */
static gboolean
read_rectification_state (HdStore               *self,
                          const char            *id,
                          const char            *what,
                          HdRectificationState  *state,
                          GError               **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt = hd_store_prepare (self, "SELECT state FROM rectification WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  text = step_text (self, stmt, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (text == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: no rectification task has the id %s"), what, id);
      return FALSE;
    }
  *state = HD_RECTIFICATION_OPEN;
  hd_rectification_state_from_string (text, state);
  return TRUE;
}

/* Runs one UPDATE of a task (?1 = id, ?2 = modified, ?3.. bound by @bind) in its own
 * transaction and emits. */
static gboolean
update_rectification (HdStore       *self,
                      const char    *id,
                      const char    *sql,
                      const char    *value3,
                      const char    *value4,
                      const char    *what,
                      GError       **error)
{
  g_autofree char *now = hd_timestamp_now ();
  HdRectificationState state;
  sqlite3_stmt *stmt;

  if (!read_rectification_state (self, id, what, &state, error))
    return FALSE;
  if (!hd_store_begin (self, what, error))
    return FALSE;
  stmt = hd_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    hd_sql_bind_text (stmt, 3, value3);
  if (sqlite3_bind_parameter_count (stmt) >= 4)
    hd_sql_bind_text (stmt, 4, value4);
  if (!hd_store_step_done (self, stmt, what, error) || !hd_store_commit (self, what, error))
    goto fail;
  emit_one (self, HD_CHANGE_RECTIFICATIONS, id);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_set_rectification_owner (HdStore     *self,
                                  const char  *rectification_id,
                                  const char  *owner,
                                  GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (rectification_id != NULL, FALSE);

  trimmed = owner ? g_strstrip (g_strdup (owner)) : NULL;
  return update_rectification (self, rectification_id,
                               "UPDATE rectification SET owner = ?3, modified = ?2 WHERE id = ?1",
                               trimmed, NULL, _("Could not change the task’s owner"), error);
}

gboolean
hd_store_set_rectification_due_date (HdStore      *self,
                                     const char   *rectification_id,
                                     const GDate  *due,
                                     GError      **error)
{
  const char *what = _("Could not change the task’s due date");
  g_autofree char *text = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (rectification_id != NULL, FALSE);

  if (due != NULL)
    {
      if (!g_date_valid (due) || g_date_get_year (due) < 1949 || g_date_get_year (due) > 2200)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("%s: the date is not a valid date"), what);
          return FALSE;
        }
      text = hd_date_to_string (due);
    }
  return update_rectification (self, rectification_id,
                               "UPDATE rectification SET due_date = ?3, modified = ?2 WHERE id = ?1",
                               text, NULL, what, error);
}

gboolean
hd_store_set_rectification_state (HdStore               *self,
                                  const char            *rectification_id,
                                  HdRectificationState   state,
                                  GError               **error)
{
  const char *what = _("Could not change the task’s state");
  HdRectificationState current;
  g_autofree char *today_text = NULL;
  GDate today;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (rectification_id != NULL, FALSE);
  g_return_val_if_fail (state >= HD_RECTIFICATION_OPEN && state <= HD_RECTIFICATION_CANCELLED, FALSE);

  if (!read_rectification_state (self, rectification_id, what, &current, error))
    return FALSE;
  /* Nothing to do, and "done" again must not forget which inspection closed it. */
  if (current == state)
    return TRUE;
  if (state == HD_RECTIFICATION_OPEN)
    return update_rectification (self, rectification_id,
                                 "UPDATE rectification SET state = 'open', closed_date = NULL,"
                                 " closed_by_inspection_id = NULL, modified = ?2 WHERE id = ?1",
                                 NULL, NULL, what, error);
  today = hd_store_get_today (self);
  today_text = hd_date_to_string (&today);
  return update_rectification (self, rectification_id,
                               "UPDATE rectification SET state = ?3, closed_date = ?4,"
                               " closed_by_inspection_id = NULL, modified = ?2 WHERE id = ?1",
                               hd_rectification_state_to_string (state), today_text, what, error);
}

/* Appends one CSV field: quoted when it holds a separator, quote or line break, and kept from
 * being read as a formula by a spreadsheet. */
static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  g_autoptr(GString) text = g_string_new (value ? value : "");

  if (text->len > 0 && strchr ("=+-@\t\r", text->str[0]) != NULL)
    g_string_prepend_c (text, '\'');
  if (strpbrk (text->str, ",\"\r\n") != NULL || (text->len > 0 && (text->str[0] == ' ' ||
                                                                    text->str[text->len - 1] == ' ')))
    {
      g_string_append_c (out, '"');
      for (const char *p = text->str; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      g_string_append_len (out, text->str, (gssize) text->len);
    }
  g_string_append (out, last ? "\r\n" : ",");
}

char *
hd_store_export_rectifications_csv (HdStore                     *self,
                                    const HdRectificationFilter *filter,
                                    const GDate                 *today,
                                    gsize                       *length,
                                    GError                     **error)
{
  g_autoptr(GListStore) tasks = NULL;
  GString *out;
  const char *header[] = {
    C_("rectification CSV column", "List"),
    C_("rectification CSV column", "Subject"),
    C_("rectification CSV column", "Type"),
    C_("rectification CSV column", "Region"),
    C_("rectification CSV column", "Item"),
    C_("rectification CSV column", "Problem"),
    C_("rectification CSV column", "Owner"),
    C_("rectification CSV column", "Due date"),
    C_("rectification CSV column", "State"),
    C_("rectification CSV column", "Overdue"),
    C_("rectification CSV column", "Inspection date"),
  };

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  tasks = hd_store_list_rectifications (self, filter, today, error);
  if (tasks == NULL)
    return NULL;
  /* The BOM is what makes Excel read the file as UTF-8 rather than the system's code page. */
  out = g_string_new ("\xEF\xBB\xBF");
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    csv_field (out, header[i], i + 1 == G_N_ELEMENTS (header));
  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (tasks)); i < n; i++)
    {
      g_autoptr(HdRectification) task = g_list_model_get_item (G_LIST_MODEL (tasks), i);
      HdRegion *region = hd_store_lookup_region (self, hd_rectification_get_region_id (task));

      csv_field (out, hd_rectification_list_label (hd_rectification_get_list (task)), FALSE);
      csv_field (out, hd_rectification_get_subject_name (task), FALSE);
      csv_field (out, hd_subject_kind_label (hd_rectification_get_subject_kind (task)), FALSE);
      csv_field (out, region ? hd_region_get_name (region) : NULL, FALSE);
      csv_field (out, hd_rectification_get_item_code (task), FALSE);
      csv_field (out, hd_rectification_get_description (task), FALSE);
      csv_field (out, hd_rectification_get_owner (task), FALSE);
      csv_field (out, hd_rectification_get_due_date (task), FALSE);
      csv_field (out, hd_rectification_state_label (hd_rectification_get_state (task)), FALSE);
      csv_field (out, hd_rectification_get_overdue (task) ? C_("overdue", "Yes") : C_("overdue", "No"), FALSE);
      csv_field (out, hd_rectification_get_inspection_date (task), TRUE);
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Sample                                                                                     */

/* A subject of the workspace by name (the first one added, when names repeat). */
static char *
subject_by_name (HdStore       *self,
                 HdSubjectKind  kind,
                 const char    *name,
                 GError       **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self,
                                         kind == HD_SUBJECT_BELT
                                           ? "SELECT id FROM belt WHERE name = ?1 ORDER BY rowid LIMIT 1"
                                           : "SELECT id FROM site WHERE name = ?1 ORDER BY rowid LIMIT 1",
                                         error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return step_text (self, stmt, error);
}

typedef struct {
  JsonObject *object;
  guint       index;     /* from 1, in file order */
  gint64      days_ago;
} SampleInspection;

static int
compare_oldest_first (gconstpointer a,
                      gconstpointer b)
{
  const SampleInspection *x = a, *y = b;

  if (x->days_ago != y->days_ago)
    return x->days_ago > y->days_ago ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static gboolean
json_string_member (JsonObject  *object,
                    const char  *key,
                    const char **out)
{
  JsonNode *node = json_object_get_member (object, key);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

/* Loads one inspection of the sample inside the transaction. */
static gboolean
load_sample_inspection (HdStore           *self,
                        SampleInspection  *sample,
                        const GDate       *today,
                        HdAnswer           unlisted,
                        const char        *source,
                        GPtrArray         *inspection_ids,
                        GPtrArray         *task_ids,
                        GError           **error)
{
  JsonObject *object = sample->object;
  const char *site_name, *belt_name, *set_code, *inspector, *notes, *state;
  g_autofree char *subject_id = NULL;
  g_autoptr(HdStandardSet) set = NULL;
  g_autoptr(HdInspection) inspection = NULL;
  g_autoptr(GListStore) items = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *answers = NULL;
  JsonObject *owners = NULL;
  JsonNode *node;
  HdSubjectKind kind;
  gboolean draft, keep_in_quarter = FALSE;
  GDate date;

#define SAMPLE_ERROR(...)                                                                 \
  G_STMT_START {                                                                          \
    g_autofree char *reason_ = g_strdup_printf (__VA_ARGS__);                            \
    g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,                \
                 _("%s: inspection %u: %s"), source, sample->index, reason_);            \
    return FALSE;                                                                         \
  } G_STMT_END

  if (!json_string_member (object, "site", &site_name) || !json_string_member (object, "belt", &belt_name) ||
      (site_name == NULL) == (belt_name == NULL))
    SAMPLE_ERROR (_("it needs either “site” or “belt” (a name)"));
  kind = site_name ? HD_SUBJECT_SITE : HD_SUBJECT_BELT;
  if (!json_string_member (object, "set", &set_code) || set_code == NULL)
    SAMPLE_ERROR (_("“set” (a standard set’s code) is missing"));
  if (!json_string_member (object, "inspector", &inspector) || !json_string_member (object, "notes", &notes) ||
      !json_string_member (object, "state", &state))
    SAMPLE_ERROR (_("“inspector”, “notes” and “state” must be strings"));
  if (state != NULL && !g_str_equal (state, "draft") && !g_str_equal (state, "finished"))
    SAMPLE_ERROR (_("“state” must be “draft” or “finished”"));
  draft = g_strcmp0 (state, "draft") == 0;
  node = json_object_get_member (object, "answers");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        SAMPLE_ERROR (_("“answers” must be an object of item code → answer"));
      answers = json_node_get_object (node);
    }
  node = json_object_get_member (object, "owners");
  if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        SAMPLE_ERROR (_("“owners” must be an object of item code → owner"));
      owners = json_node_get_object (node);
    }
  node = json_object_get_member (object, "keep_in_quarter");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    keep_in_quarter = json_node_get_boolean (node);

  subject_id = subject_by_name (self, kind, site_name ? site_name : belt_name, &local_error);
  if (subject_id == NULL)
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      SAMPLE_ERROR (kind == HD_SUBJECT_SITE ? _("no site is named “%s”") : _("no belt is named “%s”"),
                    site_name ? site_name : belt_name);
    }
  set = hd_store_find_standard_set (self, set_code, &local_error);
  if (set == NULL)
    SAMPLE_ERROR ("%s", local_error->message);

  /* Dates count back from today so the sample's lights stay realistic whenever it is loaded;
   * keep_in_quarter pins a visit into this quarter (the sample's green sites). */
  date = *today;
  g_date_subtract_days (&date, (guint) sample->days_ago);
  if (keep_in_quarter)
    {
      GDate first;

      hd_date_quarter_bounds (today, &first, NULL);
      if (g_date_compare (&date, &first) < 0)
        date = first;
    }

  inspection = hd_inspection_start_in_transaction (self, kind, subject_id, hd_standard_set_get_id (set),
                                                   inspector, &date, &local_error);
  if (inspection == NULL)
    SAMPLE_ERROR ("%s", local_error->message);
  g_ptr_array_add (inspection_ids, g_strdup (hd_inspection_get_id (inspection)));

  if (answers != NULL)
    {
      g_autoptr(GList) codes = json_object_get_members (answers);

      for (GList *l = codes; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (answers, l->data);
          const char *answer_text = NULL, *note = NULL;
          HdAnswer answer;

          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
            answer_text = json_node_get_string (value);
          else if (JSON_NODE_HOLDS_OBJECT (value))
            {
              if (!json_string_member (json_node_get_object (value), "answer", &answer_text) ||
                  !json_string_member (json_node_get_object (value), "note", &note))
                answer_text = NULL;
            }
          if (!hd_answer_from_string (answer_text, &answer))
            SAMPLE_ERROR (_("item %s: the answer must be met, partly, not_met or na"), (const char *) l->data);
          if (!hd_inspection_answer_in_transaction (self, hd_inspection_get_id (inspection), l->data,
                                                    answer, note, &local_error))
            SAMPLE_ERROR ("%s", local_error->message);
        }
    }
  if (!is_blank (notes))
    {
      sqlite3_stmt *stmt = hd_store_prepare (self, "UPDATE inspection SET notes = ?2 WHERE id = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, hd_inspection_get_id (inspection), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, notes, -1, SQLITE_TRANSIENT);
      if (!hd_store_step_done (self, stmt, _("Could not load the sample"), error))
        return FALSE;
    }
  if (draft)
    return TRUE;

  /* The answers the file leaves out. */
  items = hd_store_list_standard_items (self, hd_standard_set_get_id (set), error);
  if (items == NULL)
    return FALSE;
  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (items)); i < n; i++)
    {
      g_autoptr(HdStandardItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      if (answers != NULL && json_object_has_member (answers, hd_standard_item_get_code (item)))
        continue;
      if (!hd_inspection_answer_in_transaction (self, hd_inspection_get_id (inspection),
                                                hd_standard_item_get_code (item), unlisted, NULL,
                                                &local_error))
        SAMPLE_ERROR ("%s", local_error->message);
    }
  if (!hd_inspection_finish_in_transaction (self, hd_inspection_get_id (inspection), task_ids, &local_error))
    SAMPLE_ERROR ("%s", local_error->message);

  if (owners != NULL)
    {
      g_autoptr(GList) codes = json_object_get_members (owners);

      for (GList *l = codes; l != NULL; l = l->next)
        {
          const char *owner = NULL;
          sqlite3_stmt *stmt;

          if (!json_string_member (owners, l->data, &owner) || owner == NULL)
            SAMPLE_ERROR (_("owner of item %s: must be a string"), (const char *) l->data);
          stmt = hd_store_prepare (self,
                                   "UPDATE rectification SET owner = ?3 WHERE inspection_id = ?1"
                                   " AND item_id = (SELECT id FROM standard_item WHERE set_id = ?2 AND code = ?4)",
                                   error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, hd_inspection_get_id (inspection), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, hd_standard_set_get_id (set), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, owner, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, l->data, -1, SQLITE_TRANSIENT);
          if (!hd_store_step_done (self, stmt, _("Could not load the sample"), error))
            return FALSE;
        }
    }
#undef SAMPLE_ERROR
  return TRUE;
}

gboolean
hd_store_load_sample_inspections (HdStore      *self,
                                  const char   *data,
                                  gsize         length,
                                  const char   *source,
                                  const GDate  *today,
                                  GError      **error)
{
  const char *what = _("Could not load the sample inspections");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, TRUE, sizeof (SampleInspection));
  g_autoptr(GPtrArray) set_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) inspection_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) task_ids = g_ptr_array_new_with_free_func (g_free);
  JsonObject *root;
  JsonNode *node;
  JsonArray *sets = NULL, *inspections;
  const char *unlisted_text = NULL;
  HdAnswer unlisted = HD_ANSWER_MET;
  GDate own_today;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (today == NULL)
    {
      own_today = hd_store_get_today (self);
      today = &own_today;
    }
  if (!hd_standards_check_json (&data, &length, source, error))
    return FALSE;
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      hd_standards_set_syntax_error (error, source, parse_error->message);
      return FALSE;
    }
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                   _("%s: not a sample inspections file: it must hold one JSON object"), source);
      return FALSE;
    }
  root = json_node_get_object (node);
  if (!json_string_member (root, "unlisted_answer", &unlisted_text) ||
      (unlisted_text != NULL && !hd_answer_from_string (unlisted_text, &unlisted)))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                   _("%s: “unlisted_answer” must be met, partly, not_met or na"), source);
      return FALSE;
    }
  node = json_object_get_member (root, "standard_sets");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    sets = json_node_get_array (node);
  node = json_object_get_member (root, "inspections");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                   _("%s: “inspections” is missing or not an array"), source);
      return FALSE;
    }
  inspections = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (inspections); i++)
    {
      JsonNode *element = json_array_get_element (inspections, i);
      JsonNode *days;
      SampleInspection sample = { 0 };

      sample.index = i + 1;
      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("%s: inspection %u: must be a JSON object"), source, i + 1);
          return FALSE;
        }
      sample.object = json_node_get_object (element);
      days = json_object_get_member (sample.object, "days_ago");
      if (days == NULL || !JSON_NODE_HOLDS_VALUE (days) || json_node_get_value_type (days) != G_TYPE_INT64 ||
          json_node_get_int (days) < 0 || json_node_get_int (days) > 3650)
        {
          g_set_error (error, HD_IMPORT_ERROR, HD_IMPORT_ERROR_INVALID_FEATURE,
                       _("%s: inspection %u: “days_ago” must be a whole number from 0 to 3650"),
                       source, i + 1);
          return FALSE;
        }
      sample.days_ago = json_node_get_int (days);
      g_array_append_val (samples, sample);
    }
  /* In the order the visits happened, so later visits close what earlier ones raised. */
  g_array_sort (samples, compare_oldest_first);

  if (!hd_store_begin (self, what, error))
    return FALSE;
  for (guint i = 0; sets != NULL && i < json_array_get_length (sets); i++)
    {
      g_autoptr(HdStandardSet) set = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *label = g_strdup_printf (_("%s: standard set %u"), source, i + 1);
      char *id;

      if (!hd_standards_parse_json_node (json_array_get_element (sets, i), label, &set, &items, error))
        goto fail;
      id = hd_standards_import_in_transaction (self, set, items, what, NULL, error);
      if (id == NULL)
        goto fail;
      g_ptr_array_add (set_ids, id);
    }
  for (guint i = 0; i < samples->len; i++)
    if (!load_sample_inspection (self, &g_array_index (samples, SampleInspection, i), today, unlisted,
                                 source, inspection_ids, task_ids, error))
      goto fail;
  if (!hd_store_commit (self, what, error))
    goto fail;

  emit_many (self, HD_CHANGE_STANDARDS, set_ids);
  emit_many (self, HD_CHANGE_INSPECTIONS, inspection_ids);
  emit_many (self, HD_CHANGE_RECTIFICATIONS, task_ids);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}
