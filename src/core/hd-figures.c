/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-figures"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hd-figures.h"
#include "hd-inspection.h"
#include "hd-standards-private.h"

/* Every figure reads in one transaction, so its parts see the store at the same moment; a caller
 * that has one open already keeps it. Returns whether this call opened one. */
static gboolean
begin_read (HdStore   *self,
            gboolean  *opened,
            GError   **error)
{
  *opened = sqlite3_get_autocommit (hd_store_get_db (self)) != 0;
  return !*opened || hd_store_exec (self, "BEGIN", _("Reading the workspace failed"), error);
}

static void
end_read (HdStore  *self,
          gboolean  opened)
{
  if (opened)
    hd_store_exec (self, "COMMIT", "", NULL);
}

/* The name of a belt (@is_belt) or region by id; NULL with NOT_FOUND for an unknown one. */
static char *
read_name (HdStore     *self,
           gboolean     is_belt,
           const char  *id,
           GError     **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, is_belt ? "SELECT name FROM belt WHERE id = ?1"
                                                       : "SELECT name FROM region WHERE id = ?1", error);
  char *name = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    name = g_strdup (hd_sql_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    hd_sql_read_error (self, error);
  else if (is_belt)
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND, _("No belt has the id %s"), id);
  else
    g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND, _("No region has the id %s"), id);
  sqlite3_reset (stmt);
  return name;
}

/* ------------------------------------------------------------------------------------------ */
/* By region                                                                                  */

static void
region_figures_clear (HdRegionFigures *figures)
{
  g_clear_pointer (&figures->region_id, g_free);
  g_clear_pointer (&figures->name, g_free);
}

/**
 * hd_region_breakdown_free:
 * @breakdown: (nullable) (transfer full): what hd_store_compute_region_breakdown() returned
 */
void
hd_region_breakdown_free (HdRegionBreakdown *breakdown)
{
  if (breakdown == NULL)
    return;
  for (guint i = 0; i < breakdown->n_rows; i++)
    region_figures_clear (&breakdown->rows[i]);
  g_free (breakdown->rows);
  region_figures_clear (&breakdown->total);
  g_free (breakdown->region_id);
  g_free (breakdown->name);
  g_free (breakdown);
}

/* Every region inside the asked one (NULL: the workspace), each with the direct sub-region it is
 * in ("top"); the asked region itself has top NULL. */
#define UNDER_CTE \
  "WITH RECURSIVE under (id, top) AS (" \
  "  SELECT ?1, NULL WHERE ?1 IS NOT NULL" \
  "  UNION ALL SELECT id, id FROM region WHERE parent_id IS ?1" \
  "  UNION ALL SELECT r.id, under.top FROM region r JOIN under ON r.parent_id = under.id" \
  "    WHERE under.top IS NOT NULL)"

/* Sites in the asked region with the sub-region they count in and whether their latest finished
 * six-haves inspection (any version) on or before ?2 met every item. A site's latest inspection
 * is one probe of the inspection_latest_site index per set version (a handful), not a scan. For
 * the workspace, sites without a region count in its own row. */
static const char breakdown_sites_sql[] =
  UNDER_CTE ","
  " six (id) AS (SELECT id FROM standard_set WHERE code = 'six_haves'),"
  " scoped (id, top) AS ("
  "  SELECT s.id, u.top FROM site s JOIN under u ON s.region_id = u.id"
  "  UNION ALL SELECT s.id, NULL FROM site s WHERE ?1 IS NULL AND s.region_id IS NULL)"
  " SELECT c.id, c.top,"
  "  coalesce ((SELECT i.n_partly = 0 AND i.n_not_met = 0 AND i.red_lines_hit = 0"
  "             AND i.score IS NOT NULL"
  "             FROM inspection i INDEXED BY inspection_latest_site"
  "             WHERE i.site_id = c.id AND i.state = 'finished' AND i.set_id IN six"
  "             AND i.date <= ?2"
  "             ORDER BY i.date DESC, i.finished DESC LIMIT 1), 0)"
  " FROM scoped c";

/* Belts in the asked region with the sub-region they count in and their route's length. */
static const char breakdown_belts_sql[] =
  UNDER_CTE ","
  " scoped (id, top) AS ("
  "  SELECT b.id, u.top FROM belt b JOIN under u ON b.region_id = u.id"
  "  UNION ALL SELECT b.id, NULL FROM belt b WHERE ?1 IS NULL AND b.region_id IS NULL)"
  " SELECT c.top, (SELECT count(*) FROM belt_site bs WHERE bs.belt_id = c.id)"
  " FROM scoped c";

static const char breakdown_children_sql[] =
  "SELECT id, name FROM region WHERE parent_id IS ?1 ORDER BY code IS NULL, code, name, id";

/* The figures a row of @top counts in: a sub-region's row, or @own for NULL. */
static HdRegionFigures *
row_of (GHashTable      *rows,
        GArray          *children,
        HdRegionFigures *own,
        const char      *top)
{
  gpointer index;

  if (top == NULL || !g_hash_table_lookup_extended (rows, top, NULL, &index))
    return own;
  return &g_array_index (children, HdRegionFigures, GPOINTER_TO_UINT (index));
}

static void
region_figures_add (HdRegionFigures       *sum,
                    const HdRegionFigures *part)
{
  sum->n_belts += part->n_belts;
  sum->n_belts_full += part->n_belts_full;
  sum->n_sites += part->n_sites;
  for (guint l = 0; l < HD_N_LIGHTS; l++)
    sum->n_sites_by_light[l] += part->n_sites_by_light[l];
  sum->n_compliant += part->n_compliant;
}

static void
region_figures_finish (HdRegionFigures *figures)
{
  figures->compliance = figures->n_sites > 0 ? (double) figures->n_compliant / figures->n_sites : 0.0;
}

static gboolean
read_breakdown (HdStore           *self,
                HdRegionBreakdown *breakdown,
                GError           **error)
{
  g_autoptr(GArray) children = g_array_new (FALSE, TRUE, sizeof (HdRegionFigures));
  g_autoptr(GHashTable) rows = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) lights = NULL;
  g_autofree char *date_text = hd_date_to_string (&breakdown->date);
  HdRegionFigures own = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (children, (GDestroyNotify) region_figures_clear);

  if (!hd_store_compute_lights (self, &breakdown->date, &lights, NULL, error))
    return FALSE;

  if ((stmt = hd_store_prepare (self, breakdown_children_sql, error)) == NULL)
    return FALSE;
  hd_sql_bind_text (stmt, 1, breakdown->region_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdRegionFigures row = { 0 };

      row.region_id = g_strdup (hd_sql_text (stmt, 0));
      row.name = g_strdup (hd_sql_text (stmt, 1));
      g_array_append_val (children, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  /* The keys point into the array's strings: it does not grow from here on. */
  for (guint i = 0; i < children->len; i++)
    g_hash_table_insert (rows, g_array_index (children, HdRegionFigures, i).region_id, GUINT_TO_POINTER (i));

  if ((stmt = hd_store_prepare (self, breakdown_sites_sql, error)) == NULL)
    return FALSE;
  hd_sql_bind_text (stmt, 1, breakdown->region_id);
  sqlite3_bind_text (stmt, 2, date_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdRegionFigures *row = row_of (rows, children, &own, hd_sql_text (stmt, 1));
      HdLight light = GPOINTER_TO_INT (g_hash_table_lookup (lights, hd_sql_text (stmt, 0)));

      row->n_sites++;
      row->n_sites_by_light[CLAMP (light, 0, HD_N_LIGHTS - 1)]++;
      row->n_compliant += sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }

  if ((stmt = hd_store_prepare (self, breakdown_belts_sql, error)) == NULL)
    return FALSE;
  hd_sql_bind_text (stmt, 1, breakdown->region_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      HdRegionFigures *row = row_of (rows, children, &own, hd_sql_text (stmt, 0));

      row->n_belts++;
      row->n_belts_full += sqlite3_column_int (stmt, 1) >= HD_BELT_MIN_SITES;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }

  for (guint i = 0; i < children->len; i++)
    {
      HdRegionFigures *row = &g_array_index (children, HdRegionFigures, i);

      region_figures_finish (row);
      region_figures_add (&breakdown->total, row);
    }
  region_figures_add (&breakdown->total, &own);
  region_figures_finish (&breakdown->total);
  if (own.n_sites > 0 || own.n_belts > 0)
    {
      own.is_self = TRUE;
      own.region_id = g_strdup (breakdown->region_id);
      own.name = g_strdup (breakdown->name);
      region_figures_finish (&own);
      g_array_append_val (children, own);
    }
  g_hash_table_remove_all (rows);
  breakdown->n_rows = children->len;
  breakdown->rows = (HdRegionFigures *) (gpointer) g_array_free (g_steal_pointer (&children), FALSE);
  return TRUE;
}

HdRegionBreakdown *
hd_store_compute_region_breakdown (HdStore      *self,
                                   const char   *region_id,
                                   const GDate  *date,
                                   GError      **error)
{
  g_autoptr(HdRegionBreakdown) breakdown = NULL;
  gboolean opened, ok;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  breakdown = g_new0 (HdRegionBreakdown, 1);
  breakdown->region_id = g_strdup (region_id);
  breakdown->date = *date;
  breakdown->total.region_id = g_strdup (region_id);

  if (!begin_read (self, &opened, error))
    return NULL;
  ok = region_id == NULL ||
       (breakdown->name = read_name (self, FALSE, region_id, error)) != NULL;
  ok = ok && read_breakdown (self, breakdown, error);
  end_read (self, opened);
  if (!ok)
    return NULL;
  breakdown->total.name = g_strdup (breakdown->name);
  return g_steal_pointer (&breakdown);
}

/* ------------------------------------------------------------------------------------------ */
/* Standards matrix                                                                           */

/**
 * hd_standards_matrix_free:
 * @matrix: (nullable) (transfer full): what hd_store_compute_standards_matrix() returned
 */
void
hd_standards_matrix_free (HdStandardsMatrix *matrix)
{
  if (matrix == NULL)
    return;
  g_free (matrix->set_code);
  g_free (matrix->set_name);
  g_strfreev (matrix->row_ids);
  g_strfreev (matrix->row_names);
  /* row_belts has NULL entries: not a GStrv. */
  for (guint i = 0; i < matrix->n_rows && matrix->row_belts != NULL; i++)
    g_free (matrix->row_belts[i]);
  g_free (matrix->row_belts);
  g_free (matrix->row_dates);
  g_strfreev (matrix->column_codes);
  g_strfreev (matrix->column_titles);
  g_free (matrix->cells);
  g_free (matrix);
}

/* The rows of a matrix: ?1 is the belt or the region. */
#define MATRIX_BELT_ROWS \
  "rows (site_id, belt) AS (SELECT bs.site_id, b.name FROM belt_site bs JOIN belt b ON b.id = bs.belt_id" \
  "  WHERE bs.belt_id = ?1)"
#define MATRIX_REGION_ROWS \
  "inside (id) AS (SELECT ?1 UNION SELECT r.id FROM region r JOIN inside ON r.parent_id = inside.id)," \
  " rows (site_id, belt) AS (SELECT s.id, (SELECT b.name FROM belt_site bs JOIN belt b ON b.id = bs.belt_id" \
  "  WHERE bs.site_id = s.id ORDER BY b.name, b.id LIMIT 1) FROM site s WHERE s.region_id IN inside)"

static const char matrix_belt_rows_sql[] =
  "SELECT s.id, s.name, b.name FROM belt_site bs JOIN site s ON s.id = bs.site_id"
  " JOIN belt b ON b.id = bs.belt_id WHERE bs.belt_id = ?1 ORDER BY bs.position";
static const char matrix_region_rows_sql[] =
  "WITH RECURSIVE " MATRIX_REGION_ROWS
  " SELECT r.site_id, s.name, r.belt FROM rows r JOIN site s ON s.id = r.site_id"
  " ORDER BY r.belt IS NULL, r.belt, s.name, s.id";

/* The answers of each row's latest finished inspection of the set ?2 (any version) on or before
 * ?3: one probe of the covering index per row for the inspection's rowid, then its answers. */
#define MATRIX_ANSWERS(ROWS) \
  "WITH RECURSIVE " ROWS "," \
  " sets (id) AS (SELECT id FROM standard_set WHERE code = ?2)," \
  " latest (site_id, insp) AS (SELECT r.site_id," \
  "  (SELECT i.rowid FROM inspection i INDEXED BY inspection_latest_site" \
  "   WHERE i.site_id = r.site_id AND i.state = 'finished' AND i.set_id IN sets AND i.date <= ?3" \
  "   ORDER BY i.date DESC, i.finished DESC LIMIT 1) FROM rows r)" \
  " SELECT l.site_id, i.date, it.code, res.answer FROM latest l" \
  " JOIN inspection i ON i.rowid = l.insp" \
  " LEFT JOIN inspection_result res ON res.inspection_id = i.id" \
  " LEFT JOIN standard_item it ON it.id = res.item_id"

static const char matrix_belt_answers_sql[] = MATRIX_ANSWERS (MATRIX_BELT_ROWS);
static const char matrix_region_answers_sql[] = MATRIX_ANSWERS (MATRIX_REGION_ROWS);

static const char matrix_set_sql[] =
  "SELECT id, name_zh, applies_to FROM standard_set WHERE code = ?1"
  " ORDER BY superseded_by IS NULL DESC, version DESC LIMIT 1";
static const char matrix_items_sql[] =
  "SELECT code, title_zh FROM standard_item WHERE set_id = ?1 ORDER BY position";

static gboolean
read_matrix (HdStore           *self,
             HdStandardsMatrix *matrix,
             const char        *belt_id,
             const char        *region_id,
             GError           **error)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GPtrArray) belts = g_ptr_array_new ();
  g_autoptr(GHashTable) row_index = NULL;
  g_autoptr(GHashTable) column_index = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *date_text = hd_date_to_string (&matrix->date);
  const char *scope = belt_id != NULL ? belt_id : region_id;
  sqlite3_stmt *stmt;
  gboolean applies_to_belts = FALSE;
  int rc;

  /* The set and its current items. */
  if ((stmt = hd_store_prepare (self, matrix_set_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, matrix->set_code, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      set_id = g_strdup (hd_sql_text (stmt, 0));
      matrix->set_name = g_strdup (hd_sql_text (stmt, 1));
      applies_to_belts = g_strcmp0 (hd_sql_text (stmt, 2), "belt") == 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  if (set_id == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("No standard set has the code %s"), matrix->set_code);
      return FALSE;
    }
  if (applies_to_belts)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                   _("The standard set %s applies to belts, not to sites"), matrix->set_code);
      return FALSE;
    }
  if ((stmt = hd_store_prepare (self, matrix_items_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (codes, hd_sql_text (stmt, 0));
      g_strv_builder_add (titles, hd_sql_text (stmt, 1));
      matrix->n_columns++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  matrix->column_codes = g_strv_builder_end (codes);
  matrix->column_titles = g_strv_builder_end (titles);

  /* The rows, in order. */
  if ((stmt = hd_store_prepare (self, belt_id != NULL ? matrix_belt_rows_sql : matrix_region_rows_sql,
                                error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (ids, hd_sql_text (stmt, 0));
      g_strv_builder_add (names, hd_sql_text (stmt, 1));
      g_ptr_array_add (belts, g_strdup (hd_sql_text (stmt, 2)));
    }
  sqlite3_reset (stmt);
  matrix->row_ids = g_strv_builder_end (ids);
  matrix->row_names = g_strv_builder_end (names);
  matrix->n_rows = belts->len;
  matrix->row_belts = (char **) g_ptr_array_free (g_steal_pointer (&belts), FALSE);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  matrix->row_dates = g_new (GDate, MAX (matrix->n_rows, 1));
  for (guint r = 0; r < matrix->n_rows; r++)
    g_date_clear (&matrix->row_dates[r], 1);
  matrix->cells = g_new0 (HdAnswer, MAX ((gsize) matrix->n_rows * matrix->n_columns, 1));
  G_STATIC_ASSERT (HD_ANSWER_NONE == 0);

  row_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < matrix->n_rows; r++)
    g_hash_table_insert (row_index, matrix->row_ids[r], GUINT_TO_POINTER (r));
  column_index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; c < matrix->n_columns; c++)
    g_hash_table_insert (column_index, matrix->column_codes[c], GUINT_TO_POINTER (c));

  /* The answers. */
  if ((stmt = hd_store_prepare (self, belt_id != NULL ? matrix_belt_answers_sql : matrix_region_answers_sql,
                                error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, matrix->set_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, date_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer r, c;
      HdAnswer answer;

      if (!g_hash_table_lookup_extended (row_index, hd_sql_text (stmt, 0), NULL, &r))
        continue;
      if (!g_date_valid (&matrix->row_dates[GPOINTER_TO_UINT (r)]))
        hd_date_parse (hd_sql_text (stmt, 1), &matrix->row_dates[GPOINTER_TO_UINT (r)]);
      /* An item of an older version that the current one dropped has no column. */
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL ||
          !g_hash_table_lookup_extended (column_index, hd_sql_text (stmt, 2), NULL, &c) ||
          !hd_answer_from_string (hd_sql_text (stmt, 3), &answer))
        continue;
      matrix->cells[(gsize) GPOINTER_TO_UINT (r) * matrix->n_columns + GPOINTER_TO_UINT (c)] = answer;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  return TRUE;
}

HdStandardsMatrix *
hd_store_compute_standards_matrix (HdStore      *self,
                                   const char   *belt_id,
                                   const char   *region_id,
                                   const char   *set_code,
                                   const GDate  *date,
                                   GError      **error)
{
  g_autoptr(HdStandardsMatrix) matrix = NULL;
  g_autofree char *scope_name = NULL;
  gboolean opened, ok;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail ((belt_id == NULL) != (region_id == NULL), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  matrix = g_new0 (HdStandardsMatrix, 1);
  matrix->set_code = g_strdup (set_code != NULL ? set_code : "six_haves");
  matrix->date = *date;

  if (!begin_read (self, &opened, error))
    return NULL;
  scope_name = belt_id != NULL ? read_name (self, TRUE, belt_id, error)
                                : read_name (self, FALSE, region_id, error);
  ok = scope_name != NULL && read_matrix (self, matrix, belt_id, region_id, error);
  end_read (self, opened);
  if (!ok)
    return NULL;
  return g_steal_pointer (&matrix);
}

/* ------------------------------------------------------------------------------------------ */
/* Inspection activity                                                                        */

/**
 * hd_inspection_activity_free:
 * @activity: (nullable) (transfer full): what hd_store_compute_inspection_activity() returned
 */
void
hd_inspection_activity_free (HdInspectionActivity *activity)
{
  if (activity == NULL)
    return;
  g_free (activity->years);
  g_free (activity->months);
  g_free (activity->totals);
  g_strfreev (activity->set_codes);
  g_strfreev (activity->set_names);
  g_free (activity->counts);
  g_free (activity);
}

/* ?1 belt or NULL, ?2 region or NULL, ?3..?4 the first and last day. The scope's subjects are
 * gathered once (IN on a subquery builds a temporary index), then the inspections in the date range
 * are grouped by month and set code. */
static const char activity_sql[] =
  "WITH RECURSIVE inside (id) AS ("
  "  SELECT ?2 WHERE ?2 IS NOT NULL"
  "  UNION SELECT r.id FROM region r JOIN inside ON r.parent_id = inside.id)"
  " SELECT substr (i.date, 1, 4), substr (i.date, 6, 2), s.code, count(*)"
  " FROM inspection i JOIN standard_set s ON s.id = i.set_id"
  " WHERE i.state = 'finished' AND i.date BETWEEN ?3 AND ?4"
  "  AND (?1 IS NULL OR i.belt_id = ?1"
  "       OR i.site_id IN (SELECT site_id FROM belt_site WHERE belt_id = ?1))"
  "  AND (?2 IS NULL OR i.site_id IN (SELECT id FROM site WHERE region_id IN inside)"
  "       OR i.belt_id IN (SELECT id FROM belt WHERE region_id IN inside))"
  " GROUP BY 1, 2, 3";

/* The current name of each set code. */
static const char activity_names_sql[] =
  "SELECT code, name_zh FROM standard_set ORDER BY superseded_by IS NULL, version";

typedef struct {
  guint  month;  /* index into the activity's months */
  char  *code;
  guint  count;
} ActivityCell;

static void
activity_cell_clear (ActivityCell *cell)
{
  g_free (cell->code);
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
read_activity (HdStore              *self,
               HdInspectionActivity *activity,
               const char           *belt_id,
               const char           *region_id,
               gboolean              by_set,
               GError              **error)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (ActivityCell));
  g_autoptr(GHashTable) set_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) set_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = hd_date_to_string (&activity->date);
  guint first_year, first_month, first_index;
  sqlite3_stmt *stmt;
  GDate first;
  int rc;

  g_array_set_clear_func (cells, (GDestroyNotify) activity_cell_clear);

  first_index = g_date_get_year (&activity->date) * 12 + (g_date_get_month (&activity->date) - 1) -
                (activity->n_months - 1);
  first_year = first_index / 12;
  first_month = first_index % 12 + 1;
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, first_month, first_year);
  first_text = hd_date_to_string (&first);
  for (guint m = 0; m < activity->n_months; m++)
    {
      activity->years[m] = (first_index + m) / 12;
      activity->months[m] = (first_index + m) % 12 + 1;
    }

  if ((stmt = hd_store_prepare (self, activity_sql, error)) == NULL)
    return FALSE;
  hd_sql_bind_text (stmt, 1, belt_id);
  hd_sql_bind_text (stmt, 2, region_id);
  sqlite3_bind_text (stmt, 3, first_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, last_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint year = (guint) sqlite3_column_int (stmt, 0);
      guint month = (guint) sqlite3_column_int (stmt, 1);
      guint count = (guint) sqlite3_column_int (stmt, 3);
      ActivityCell cell;
      guint index;

      /* Dates are checked on the way in; a malformed one falls outside and is left out. */
      if (month < 1 || month > 12 || year * 12 + month - 1 < first_index)
        continue;
      index = year * 12 + month - 1 - first_index;
      if (index >= activity->n_months)
        continue;
      activity->totals[index] += count;
      cell.month = index;
      cell.code = g_strdup (hd_sql_text (stmt, 2));
      cell.count = count;
      g_array_append_val (cells, cell);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  if (!by_set)
    return TRUE;

  /* The sets that occur, by code, with their current names (the last row of a code wins). */
  if ((stmt = hd_store_prepare (self, activity_names_sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (set_names, g_strdup (hd_sql_text (stmt, 0)), g_strdup (hd_sql_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  for (guint k = 0; k < cells->len; k++)
    {
      ActivityCell *cell = &g_array_index (cells, ActivityCell, k);

      if (!g_hash_table_contains (set_index, cell->code))
        {
          g_hash_table_insert (set_index, cell->code, NULL);
          g_ptr_array_add (codes, cell->code);
        }
    }
  g_ptr_array_sort (codes, compare_codes);
  activity->n_sets = codes->len;
  activity->set_codes = g_new0 (char *, codes->len + 1);
  activity->set_names = g_new0 (char *, codes->len + 1);
  for (guint s = 0; s < codes->len; s++)
    {
      const char *code = g_ptr_array_index (codes, s);
      const char *name = g_hash_table_lookup (set_names, code);

      activity->set_codes[s] = g_strdup (code);
      activity->set_names[s] = g_strdup (name != NULL ? name : code);
      g_hash_table_insert (set_index, (gpointer) code, GUINT_TO_POINTER (s));
    }
  activity->counts = g_new0 (guint, MAX ((gsize) codes->len * activity->n_months, 1));
  for (guint k = 0; k < cells->len; k++)
    {
      ActivityCell *cell = &g_array_index (cells, ActivityCell, k);
      guint s = GPOINTER_TO_UINT (g_hash_table_lookup (set_index, cell->code));

      activity->counts[(gsize) s * activity->n_months + cell->month] += cell->count;
    }
  return TRUE;
}

HdInspectionActivity *
hd_store_compute_inspection_activity (HdStore      *self,
                                      const char   *belt_id,
                                      const char   *region_id,
                                      guint         n_months,
                                      gboolean      by_set,
                                      const GDate  *date,
                                      GError      **error)
{
  g_autoptr(HdInspectionActivity) activity = NULL;
  g_autofree char *scope_name = NULL;
  gboolean opened, ok = TRUE;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (belt_id == NULL || region_id == NULL, NULL);
  g_return_val_if_fail (n_months >= 1 && n_months <= 600, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  /* The first month must not fall before year 1. */
  g_return_val_if_fail (g_date_get_year (date) > 50, NULL);

  activity = g_new0 (HdInspectionActivity, 1);
  activity->date = *date;
  activity->n_months = n_months;
  activity->years = g_new0 (guint, n_months);
  activity->months = g_new0 (guint, n_months);
  activity->totals = g_new0 (guint, n_months);

  if (!begin_read (self, &opened, error))
    return NULL;
  if (belt_id != NULL)
    ok = (scope_name = read_name (self, TRUE, belt_id, error)) != NULL;
  else if (region_id != NULL)
    ok = (scope_name = read_name (self, FALSE, region_id, error)) != NULL;
  ok = ok && read_activity (self, activity, belt_id, region_id, by_set, error);
  end_read (self, opened);
  if (!ok)
    return NULL;
  return g_steal_pointer (&activity);
}
