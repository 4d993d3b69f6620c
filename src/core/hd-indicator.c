/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-indicator"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "hd-indicator.h"
#include "hd-light.h"
#include "hd-plan-progress.h"
#include "hd-record.h"
#include "hd-store-private.h"
#include "hd-validate.h"

struct _HdIndicator
{
  GObject parent_instance;

  char *id;
  char *plan_id;
  int position;
  char *name;
  char *unit;
  char *computed_key;
  gboolean higher_is_better;
  char *created;
  char *modified;
  double targets[3];   /* NAN: no target that year */
};

G_DEFINE_FINAL_TYPE (HdIndicator, hd_indicator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PLAN_ID,
  PROP_POSITION,
  PROP_NAME,
  PROP_UNIT,
  PROP_COMPUTED_KEY,
  PROP_HIGHER_IS_BETTER,
  PROP_CREATED,
  PROP_MODIFIED,
  PROP_TARGET1,
  PROP_TARGET2,
  PROP_TARGET3,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define S(n, m) { n, HD_FIELD_STRING, G_STRUCT_OFFSET (HdIndicator, m), NULL, 0, 0 }
static const HdField hd_indicator_fields[] = {
  S ("id", id),
  S ("plan-id", plan_id),
  { "position", HD_FIELD_INT, G_STRUCT_OFFSET (HdIndicator, position), NULL, 0, G_MAXINT },
  S ("name", name),
  S ("unit", unit),
  S ("computed-key", computed_key),
  { "higher-is-better", HD_FIELD_BOOLEAN, G_STRUCT_OFFSET (HdIndicator, higher_is_better), NULL, 0, 0 },
  S ("created", created),
  S ("modified", modified),
  { "target1", HD_FIELD_DOUBLE, G_STRUCT_OFFSET (HdIndicator, targets[0]), NULL, 0, 0 },
  { "target2", HD_FIELD_DOUBLE, G_STRUCT_OFFSET (HdIndicator, targets[1]), NULL, 0, 0 },
  { "target3", HD_FIELD_DOUBLE, G_STRUCT_OFFSET (HdIndicator, targets[2]), NULL, 0, 0 },
};
#undef S

HD_RECORD_DEFINE_PROPERTY_FUNCS (HdIndicator, hd_indicator)

static void
hd_indicator_init (HdIndicator *self)
{
  self->higher_is_better = TRUE;
  for (int i = 0; i < 3; i++)
    self->targets[i] = NAN;
}

HdIndicator *
hd_indicator_new (void)
{
  return g_object_new (HD_TYPE_INDICATOR, NULL);
}

HD_RECORD_STRING_ACCESSORS (HdIndicator, hd_indicator, id, PROP_ID)
HD_RECORD_STRING_ACCESSORS (HdIndicator, hd_indicator, plan_id, PROP_PLAN_ID)
HD_RECORD_STRING_ACCESSORS (HdIndicator, hd_indicator, name, PROP_NAME)
HD_RECORD_STRING_ACCESSORS (HdIndicator, hd_indicator, unit, PROP_UNIT)
HD_RECORD_STRING_ACCESSORS (HdIndicator, hd_indicator, computed_key, PROP_COMPUTED_KEY)
HD_RECORD_SCALAR_ACCESSORS (HdIndicator, hd_indicator, int, position, PROP_POSITION)
HD_RECORD_SCALAR_ACCESSORS (HdIndicator, hd_indicator, gboolean, higher_is_better, PROP_HIGHER_IS_BETTER)
HD_RECORD_STRING_GETTER (HdIndicator, hd_indicator, created)
HD_RECORD_STRING_GETTER (HdIndicator, hd_indicator, modified)

gboolean
hd_indicator_is_computed (HdIndicator *self)
{
  g_return_val_if_fail (HD_IS_INDICATOR (self), FALSE);
  return self->computed_key != NULL;
}

double
hd_indicator_get_target (HdIndicator *self,
                         int          year_index)
{
  g_return_val_if_fail (HD_IS_INDICATOR (self), NAN);
  g_return_val_if_fail (year_index >= 0 && year_index < 3, NAN);
  return self->targets[year_index];
}

void
hd_indicator_set_target (HdIndicator *self,
                         int          year_index,
                         double       value)
{
  double *t;

  g_return_if_fail (HD_IS_INDICATOR (self));
  g_return_if_fail (year_index >= 0 && year_index < 3);
  t = &self->targets[year_index];
  if ((isnan (*t) && isnan (value)) || *t == value)
    return;
  *t = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET1 + year_index]);
}

void
hd_indicator_get_targets (HdIndicator *self,
                          double       out[3])
{
  g_return_if_fail (HD_IS_INDICATOR (self));
  memcpy (out, self->targets, sizeof self->targets);
}

gboolean
hd_validate_indicator (HdIndicator  *indicator,
                       GError      **error)
{
  HdComputedIndicator key;

  g_return_val_if_fail (HD_IS_INDICATOR (indicator), FALSE);

  if (!hd_validate_name (indicator->name, _("The indicator’s name"), error))
    return FALSE;
  if (indicator->computed_key != NULL &&
      !hd_computed_indicator_from_string (indicator->computed_key, &key))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("Indicator “%s”: “%s” is not a computed indicator"),
                   indicator->name, indicator->computed_key);
      return FALSE;
    }
  for (int i = 0; i < 3; i++)
    if (isinf (indicator->targets[i]))
      {
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                     _("Indicator “%s”: the target of year %d is not a number"),
                     indicator->name, i + 1);
        return FALSE;
      }
  return TRUE;
}

gboolean
hd_parse_indicator_value (const char  *text,
                          double      *out,
                          GError     **error)
{
  g_autofree char *normal = NULL;
  char *end = NULL;
  double value;

  g_return_val_if_fail (out != NULL, FALSE);

  /* NFKC turns full-width digits, "％" and "，" into their ASCII forms. */
  normal = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  if (normal == NULL)
    {
      *out = NAN;
      return TRUE;
    }
  g_strstrip (normal);
  if (g_str_has_suffix (normal, "%"))
    {
      normal[strlen (normal) - 1] = '\0';
      g_strstrip (normal);
    }
  if (*normal == '\0')
    {
      *out = NAN;
      return TRUE;
    }
  g_strdelimit (normal, ",", '.');
  value = g_ascii_strtod (normal, &end);
  if (end == normal || *end != '\0' || !isfinite (value))
    {
      g_autofree char *typed = g_strstrip (g_strdup (text));

      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID, _("“%s” is not a number"), typed);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

void
hd_indicator_actual_free (HdIndicatorActual *actual)
{
  if (actual == NULL)
    return;
  g_free (actual->id);
  g_free (actual->date);
  g_free (actual->note);
  g_free (actual);
}

/* ------------------------------------------------------------------------------------------ */

#define INDICATOR_COLUMNS \
  "i.id, i.plan_id, i.position, i.name, i.unit, i.computed_key, i.higher_is_better," \
  " i.created, i.modified," \
  " (SELECT target FROM indicator_target WHERE indicator_id = i.id AND year_index = 0)," \
  " (SELECT target FROM indicator_target WHERE indicator_id = i.id AND year_index = 1)," \
  " (SELECT target FROM indicator_target WHERE indicator_id = i.id AND year_index = 2)"

static HdIndicator *
indicator_from_row (sqlite3_stmt *stmt)
{
  HdIndicator *self = hd_indicator_new ();

  self->id = g_strdup (hd_sql_text (stmt, 0));
  self->plan_id = g_strdup (hd_sql_text (stmt, 1));
  self->position = sqlite3_column_int (stmt, 2);
  self->name = g_strdup (hd_sql_text (stmt, 3));
  self->unit = g_strdup (hd_sql_text (stmt, 4));
  self->computed_key = g_strdup (hd_sql_text (stmt, 5));
  self->higher_is_better = sqlite3_column_int (stmt, 6) != 0;
  self->created = g_strdup (hd_sql_text (stmt, 7));
  self->modified = g_strdup (hd_sql_text (stmt, 8));
  for (int i = 0; i < 3; i++)
    self->targets[i] = sqlite3_column_type (stmt, 9 + i) == SQLITE_NULL
                       ? NAN : sqlite3_column_double (stmt, 9 + i);
  return self;
}

static void
emit_plan (HdStore    *self,
           const char *plan_id)
{
  hd_store_emit_changed (self, HD_CHANGE_PLANS, (const char * const[]) { plan_id, NULL });
}

GPtrArray *
hd_store_list_indicators (HdStore     *self,
                          const char  *plan_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);

  stmt = hd_store_prepare (self, "SELECT " INDICATOR_COLUMNS " FROM indicator i"
                           " WHERE i.plan_id = ?1 ORDER BY i.position, i.rowid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, plan_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, indicator_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_store_set_error_from_db (self, error, _("Could not read the plan’s indicators"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

HdIndicator *
hd_store_get_indicator (HdStore     *self,
                        const char  *id,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  HdIndicator *found = NULL;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  stmt = hd_store_prepare (self, "SELECT " INDICATOR_COLUMNS " FROM indicator i WHERE i.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    found = indicator_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    hd_store_set_error_from_db (self, error, _("Could not read the indicator"));
  else if (found == NULL)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                 _("There is no indicator with the id “%s”"), id);
  return found;
}

GPtrArray *
hd_store_list_indicator_actuals (HdStore     *self,
                                 const char  *indicator_id,
                                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_indicator_actual_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (indicator_id != NULL, NULL);

  stmt = hd_store_prepare (self, "SELECT id, date, value, note FROM indicator_actual"
                           " WHERE indicator_id = ?1 ORDER BY date", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdIndicatorActual *actual = g_new0 (HdIndicatorActual, 1);

      actual->id = g_strdup (hd_sql_text (stmt, 0));
      actual->date = g_strdup (hd_sql_text (stmt, 1));
      actual->value = sqlite3_column_double (stmt, 2);
      actual->note = g_strdup (hd_sql_text (stmt, 3));
      g_ptr_array_add (list, actual);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_store_set_error_from_db (self, error, _("Could not read the indicator’s values"));
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gboolean
write_targets (HdStore      *self,
               const char   *indicator_id,
               const double  targets[3],
               const char   *what,
               GError      **error)
{
  for (int i = 0; i < 3; i++)
    {
      sqlite3_stmt *stmt;

      if (isnan (targets[i]))
        stmt = hd_store_prepare (self, "DELETE FROM indicator_target"
                                 " WHERE indicator_id = ?1 AND year_index = ?2", error);
      else
        stmt = hd_store_prepare (self, "INSERT INTO indicator_target (indicator_id, year_index, target)"
                                 " VALUES (?1, ?2, ?3) ON CONFLICT (indicator_id, year_index)"
                                 " DO UPDATE SET target = excluded.target", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, indicator_id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, i);
      if (!isnan (targets[i]))
        sqlite3_bind_double (stmt, 3, targets[i]);
      if (!hd_store_step_done (self, stmt, what, error))
        return FALSE;
    }
  return TRUE;
}

/* Writes one indicator and its targets inside an open transaction; a new one goes last unless
 * @position ≥ 0. Refuses when the stored row changed since @indicator was read. */
static gboolean
write_indicator (HdStore      *self,
                 HdIndicator  *indicator,
                 int           position,
                 const char   *what,
                 GError      **error)
{
  static const char upsert_sql[] =
    "INSERT INTO indicator (id, plan_id, position, name, unit, source, computed_key,"
    " higher_is_better, created, modified)"
    " VALUES (?1, ?2, CASE WHEN ?3 >= 0 THEN ?3 ELSE"
    "   (SELECT coalesce (max (position) + 1, 0) FROM indicator WHERE plan_id = ?2) END,"
    "   ?4, ?5, CASE WHEN ?6 IS NULL THEN 'manual' ELSE 'computed' END, ?6, ?7, ?8, ?8)"
    " ON CONFLICT (id) DO UPDATE SET position = CASE WHEN ?3 >= 0 THEN ?3 ELSE indicator.position END,"
    " name = excluded.name, unit = excluded.unit, source = excluded.source,"
    " computed_key = excluded.computed_key, higher_is_better = excluded.higher_is_better,"
    " modified = excluded.modified"
    " WHERE indicator.plan_id = excluded.plan_id AND (?9 IS NULL OR indicator.modified = ?9)";
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt;

  if (indicator->id == NULL)
    {
      g_autofree char *id = hd_new_id ();

      hd_indicator_set_id (indicator, id);
    }
  stmt = hd_store_prepare (self, upsert_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, indicator->id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, indicator->plan_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, position);
  sqlite3_bind_text (stmt, 4, indicator->name, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 5, indicator->unit);
  hd_sql_bind_text (stmt, 6, indicator->computed_key);
  sqlite3_bind_int (stmt, 7, indicator->higher_is_better ? 1 : 0);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  hd_sql_bind_text (stmt, 9, indicator->modified);
  if (!hd_store_step_done (self, stmt, what, error))
    return FALSE;
  if (sqlite3_changes (hd_store_get_db (self)) == 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_CONFLICT,
                   _("%s: it was changed elsewhere since you opened it, or belongs to another plan; reload it and edit again"),
                   what);
      return FALSE;
    }
  return write_targets (self, indicator->id, indicator->targets, what, error);
}

/* Reads back what was stored into @indicator (stamps, position). */
static void
reload_indicator (HdStore     *self,
                  HdIndicator *indicator)
{
  g_autoptr(HdIndicator) stored = hd_store_get_indicator (self, indicator->id, NULL);

  if (stored != NULL)
    hd_indicator_copy_from (indicator, stored);
}

static gboolean
check_plan_exists (HdStore     *self,
                   const char  *plan_id,
                   const char  *what,
                   GError     **error)
{
  if (plan_id == NULL || hd_store_lookup_plan (self, plan_id) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: its plan does not exist"), what);
      return FALSE;
    }
  return TRUE;
}

gboolean
hd_store_save_indicator (HdStore      *self,
                         HdIndicator  *indicator,
                         GError      **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_INDICATOR (indicator), FALSE);

  what = g_strdup_printf (_("Could not save the indicator “%s”"),
                          indicator->name ? indicator->name : "");
  if (!hd_validate_indicator (indicator, error) ||
      !check_plan_exists (self, indicator->plan_id, what, error))
    return FALSE;
  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  if (!write_indicator (self, indicator, -1, what, error) ||
      !hd_store_commit_command (self, what, g_strdup_printf (_("Save “%s”"), indicator->name), error))
    {
      hd_store_rollback (self);
      return FALSE;
    }
  reload_indicator (self, indicator);
  emit_plan (self, indicator->plan_id);
  return TRUE;
}

/* Runs one statement binding @id (and @text2 when not NULL) as one undo step; NOT_FOUND when
 * it changed no row. */
static gboolean
run_command (HdStore     *self,
             const char  *sql,
             const char  *id,
             const char  *text2,
             const char  *what,
             char        *label,
             GError     **error)
{
  sqlite3_stmt *stmt;

  if (!hd_store_begin_command (self, what, error))
    {
      g_free (label);
      return FALSE;
    }
  stmt = hd_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (text2 != NULL)
    sqlite3_bind_text (stmt, 2, text2, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error))
    goto fail;
  if (sqlite3_changes (hd_store_get_db (self)) == 0)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND, _("%s: it does not exist"), what);
      goto fail;
    }
  return hd_store_commit_command (self, what, label, error);

fail:
  g_free (label);
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_delete_indicator (HdStore     *self,
                           const char  *id,
                           GError     **error)
{
  g_autoptr(HdIndicator) indicator = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  indicator = hd_store_get_indicator (self, id, error);
  if (indicator == NULL)
    return FALSE;
  what = g_strdup_printf (_("Could not delete the indicator “%s”"), indicator->name);
  if (!run_command (self, "DELETE FROM indicator WHERE id = ?1", id, NULL, what,
                    g_strdup_printf (_("Delete “%s”"), indicator->name), error))
    return FALSE;
  emit_plan (self, indicator->plan_id);
  return TRUE;
}

gboolean
hd_store_reorder_indicators (HdStore            *self,
                             const char         *plan_id,
                             const char * const *ids,
                             GError            **error)
{
  g_autoptr(GPtrArray) current = NULL;
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  const char *what = _("Could not reorder the plan’s indicators");
  guint n = 0;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (plan_id != NULL && ids != NULL, FALSE);

  if (!check_plan_exists (self, plan_id, what, error))
    return FALSE;
  current = hd_store_list_indicators (self, plan_id, error);
  if (current == NULL)
    return FALSE;
  for (n = 0; ids[n] != NULL; n++)
    if (!g_hash_table_add (wanted, (gpointer) ids[n]))
      {
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                     _("%s: “%s” is named twice"), what, ids[n]);
        return FALSE;
      }
  for (guint i = 0; i < current->len; i++)
    {
      HdIndicator *indicator = g_ptr_array_index (current, i);

      if (!g_hash_table_contains (wanted, indicator->id))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("%s: “%s” is missing from the new order"), what, indicator->name);
          return FALSE;
        }
    }
  if (n != current->len)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: the new order names an indicator of another plan"), what);
      return FALSE;
    }

  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      sqlite3_stmt *stmt = hd_store_prepare (self, "UPDATE indicator SET position = ?2"
                                             " WHERE id = ?1 AND plan_id = ?3", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, (int) i);
      sqlite3_bind_text (stmt, 3, plan_id, -1, SQLITE_TRANSIENT);
      if (!hd_store_step_done (self, stmt, what, error))
        goto fail;
    }
  if (!hd_store_commit_command (self, what, g_strdup (_("Reorder indicators")), error))
    goto fail;
  emit_plan (self, plan_id);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}

gboolean
hd_store_set_indicator_targets (HdStore      *self,
                                const char   *indicator_id,
                                const double  targets[3],
                                GError      **error)
{
  g_autoptr(HdIndicator) indicator = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (indicator_id != NULL && targets != NULL, FALSE);

  indicator = hd_store_get_indicator (self, indicator_id, error);
  if (indicator == NULL)
    return FALSE;
  what = g_strdup_printf (_("Could not set the targets of “%s”"), indicator->name);
  for (int i = 0; i < 3; i++)
    if (isinf (targets[i]))
      {
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                     _("%s: the target of year %d is not a number"), what, i + 1);
        return FALSE;
      }
  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  if (!write_targets (self, indicator_id, targets, what, error) ||
      !hd_store_commit_command (self, what,
                                g_strdup_printf (_("Set the targets of “%s”"), indicator->name), error))
    {
      hd_store_rollback (self);
      return FALSE;
    }
  emit_plan (self, indicator->plan_id);
  return TRUE;
}

/* YYYY-MM-DD and a real day. */
static gboolean
date_is_valid (const char *date)
{
  GDate parsed;

  return date != NULL && hd_date_parse (date, &parsed);
}

/* Writes one dated actual inside an open transaction (for snapshots and the sample too). */
gboolean
hd_store_write_indicator_actual (HdStore     *self,
                                 const char  *indicator_id,
                                 const char  *date,
                                 double       value,
                                 const char  *note,
                                 const char  *what,
                                 GError     **error)
{
  static const char upsert_sql[] =
    "INSERT INTO indicator_actual (id, indicator_id, date, value, note, created)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (indicator_id, date)"
    " DO UPDATE SET value = excluded.value, note = excluded.note";
  g_autofree char *id = hd_new_id ();
  g_autofree char *now = hd_timestamp_now ();
  sqlite3_stmt *stmt;

  if (!date_is_valid (date))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: “%s” is not a date (YYYY-MM-DD)"), what, date ? date : "");
      return FALSE;
    }
  if (!isfinite (value))
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("%s: the value is not a number"), what);
      return FALSE;
    }
  stmt = hd_store_prepare (self, upsert_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, indicator_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 4, value);
  hd_sql_bind_text (stmt, 5, note);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  return hd_store_step_done (self, stmt, what, error);
}

gboolean
hd_store_add_indicator_actual (HdStore     *self,
                               const char  *indicator_id,
                               const char  *date,
                               double       value,
                               const char  *note,
                               GError     **error)
{
  g_autoptr(HdIndicator) indicator = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (indicator_id != NULL, FALSE);

  indicator = hd_store_get_indicator (self, indicator_id, error);
  if (indicator == NULL)
    return FALSE;
  what = g_strdup_printf (_("Could not record a value of “%s”"), indicator->name);
  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  if (!hd_store_write_indicator_actual (self, indicator_id, date, value, note, what, error) ||
      !hd_store_commit_command (self, what,
                                g_strdup_printf (_("Record a value of “%s”"), indicator->name), error))
    {
      hd_store_rollback (self);
      return FALSE;
    }
  emit_plan (self, indicator->plan_id);
  return TRUE;
}

gboolean
hd_store_delete_indicator_actual (HdStore     *self,
                                  const char  *indicator_id,
                                  const char  *date,
                                  GError     **error)
{
  g_autoptr(HdIndicator) indicator = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (indicator_id != NULL && date != NULL, FALSE);

  indicator = hd_store_get_indicator (self, indicator_id, error);
  if (indicator == NULL)
    return FALSE;
  what = g_strdup_printf (_("Could not delete the value of “%s” on %s"), indicator->name, date);
  if (!run_command (self, "DELETE FROM indicator_actual WHERE indicator_id = ?1 AND date = ?2",
                    indicator_id, date, what,
                    g_strdup_printf (_("Delete a value of “%s”"), indicator->name), error))
    return FALSE;
  emit_plan (self, indicator->plan_id);
  return TRUE;
}

gboolean
hd_store_replace_indicators (HdStore     *self,
                             HdPlan      *plan,
                             GPtrArray   *indicators,
                             const char  *what,
                             GError     **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < indicators->len; i++)
    {
      HdIndicator *indicator = g_ptr_array_index (indicators, i);

      if (indicator->id != NULL)
        g_hash_table_add (kept, indicator->id);
    }
  existing = hd_store_list_indicators (self, hd_plan_get_id (plan), error);
  if (existing == NULL)
    return FALSE;
  for (guint i = 0; i < existing->len; i++)
    {
      HdIndicator *old = g_ptr_array_index (existing, i);
      sqlite3_stmt *stmt;

      if (g_hash_table_contains (kept, old->id))
        continue;
      stmt = hd_store_prepare (self, "DELETE FROM indicator WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, old->id, -1, SQLITE_TRANSIENT);
      if (!hd_store_step_done (self, stmt, what, error))
        return FALSE;
    }
  for (guint i = 0; i < indicators->len; i++)
    {
      HdIndicator *indicator = g_ptr_array_index (indicators, i);

      hd_indicator_set_plan_id (indicator, hd_plan_get_id (plan));
      if (!write_indicator (self, indicator, (int) i, what, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
hd_store_save_plan_with_indicators (HdStore    *self,
                                    HdPlan     *plan,
                                    GPtrArray  *indicators,
                                    GError    **error)
{
  g_autofree char *what = NULL;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (HD_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (indicators != NULL, FALSE);

  what = g_strdup_printf (_("Could not save the plan “%s”"),
                          hd_plan_get_title (plan) ? hd_plan_get_title (plan) : "");
  if (!hd_store_check_plan (self, plan, what, error))
    return FALSE;
  for (guint i = 0; i < indicators->len; i++)
    {
      HdIndicator *indicator = g_ptr_array_index (indicators, i);
      g_autoptr(GError) local = NULL;

      if (!hd_validate_indicator (indicator, &local))
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID, "%s: %s", what, local->message);
          return FALSE;
        }
      if (indicator->plan_id != NULL && g_strcmp0 (indicator->plan_id, hd_plan_get_id (plan)) != 0)
        {
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                       _("%s: the indicator “%s” belongs to another plan"), what, indicator->name);
          return FALSE;
        }
    }

  if (!hd_store_begin_command (self, what, error))
    return FALSE;
  if (!hd_store_write_plan (self, plan, what, error) ||
      !hd_store_replace_indicators (self, plan, indicators, what, error))
    goto fail;
  if (!hd_store_commit_command (self, what,
                                g_strdup_printf (_("Save “%s”"), hd_plan_get_title (plan)), error))
    goto fail;
  for (guint i = 0; i < indicators->len; i++)
    reload_indicator (self, g_ptr_array_index (indicators, i));
  hd_store_plan_saved (self, plan);
  return TRUE;

fail:
  hd_store_rollback (self);
  return FALSE;
}
