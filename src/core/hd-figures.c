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

/* Sites in the asked region with the sub-region they count in. For the workspace, sites without
 * a region count in its own row. */
static const char breakdown_sites_sql[] =
  UNDER_CTE
  " SELECT s.id, u.top FROM site s JOIN under u ON s.region_id = u.id"
  " UNION ALL SELECT s.id, NULL FROM site s WHERE ?1 IS NULL AND s.region_id IS NULL";

/* The finished six-haves inspections on or before ?1 (any version), by site, then version, date
 * and time finished, and whether each met every item: the covering index read in order, so the
 * last row of a site's version is its latest (as the light query reads it, see hd-inspection.c).
 * One pass over 100k rows instead of a probe and a sort per site. */
static const char compliance_sql[] =
  "SELECT site_id, set_id, date, finished,"
  " n_partly = 0 AND n_not_met = 0 AND red_lines_hit = 0 AND score IS NOT NULL"
  " FROM inspection INDEXED BY inspection_latest_site"
  " WHERE state = 'finished' AND site_id IS NOT NULL AND date <= ?1"
  " AND set_id IN (SELECT id FROM standard_set WHERE code = 'six_haves')"
  " ORDER BY site_id, set_id, date, finished";

/* The ids of the sites whose latest six-haves inspection on or before @date_text met every item. */
static GHashTable *
read_compliant_sites (HdStore     *self,
                      const char  *date_text,
                      GError     **error)
{
  g_autoptr(GHashTable) compliant = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = hd_store_prepare (self, compliance_sql, error);
  g_autofree char *site = NULL;
  char best_date[11] = "", best_finished[40] = "";
  gboolean best_ok = FALSE;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date_text, -1, SQLITE_TRANSIENT);
  for (rc = sqlite3_step (stmt); ; rc = sqlite3_step (stmt))
    {
      const char *id = rc == SQLITE_ROW ? hd_sql_text (stmt, 0) : NULL;
      const char *date, *finished;
      int order;

      if (id == NULL || g_strcmp0 (id, site) != 0)
        {
          if (site != NULL && best_ok)
            g_hash_table_add (compliant, g_steal_pointer (&site));
          if (id == NULL)
            break;
          g_free (site);
          site = g_strdup (id);
          best_date[0] = best_finished[0] = '\0';
        }
      /* Of several versions' latest inspections, the later wins (the time finished decides
       * within a day), as in the lights. */
      date = hd_sql_text (stmt, 2);
      finished = hd_sql_text (stmt, 3);
      order = strcmp (date ? date : "", best_date);
      if (order < 0 || (order == 0 && strcmp (finished ? finished : "", best_finished) < 0))
        continue;
      g_strlcpy (best_date, date ? date : "", sizeof best_date);
      g_strlcpy (best_finished, finished ? finished : "", sizeof best_finished);
      best_ok = sqlite3_column_int (stmt, 4) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return NULL;
    }
  return g_steal_pointer (&compliant);
}

/* Belts in the asked region with the sub-region they count in and their route's length. */
static const char breakdown_belts_sql[] =
  UNDER_CTE ","
  " scoped (id, top) AS ("
  "  SELECT b.id, u.top FROM belt b JOIN under u ON b.region_id = u.id"
  "  UNION ALL SELECT b.id, NULL FROM belt b WHERE ?1 IS NULL AND b.region_id IS NULL)"
  " SELECT c.top, (SELECT count(*) FROM belt_site bs WHERE bs.belt_id = c.id), c.id"
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
  for (guint l = 0; l < HD_N_LIGHTS; l++)
    sum->n_belts_by_light[l] += part->n_belts_by_light[l];
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
  g_autoptr(GHashTable) belt_lights = NULL;
  g_autoptr(GHashTable) compliant = NULL;
  g_autofree char *date_text = hd_date_to_string (&breakdown->date);
  HdRegionFigures own = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (children, (GDestroyNotify) region_figures_clear);

  if (!hd_store_compute_lights (self, &breakdown->date, &lights, &belt_lights, error))
    return FALSE;
  if ((compliant = read_compliant_sites (self, date_text, error)) == NULL)
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
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = hd_sql_text (stmt, 0);
      HdRegionFigures *row = row_of (rows, children, &own, hd_sql_text (stmt, 1));
      HdLight light = GPOINTER_TO_INT (g_hash_table_lookup (lights, id));

      row->n_sites++;
      row->n_sites_by_light[CLAMP (light, 0, HD_N_LIGHTS - 1)]++;
      row->n_compliant += g_hash_table_contains (compliant, id);
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

      HdLight light = GPOINTER_TO_INT (g_hash_table_lookup (belt_lights, hd_sql_text (stmt, 2)));

      row->n_belts++;
      row->n_belts_by_light[CLAMP (light, 0, HD_N_LIGHTS - 1)]++;
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

/* The sites of a matrix: ?1 is the belt or the region. */
#define MATRIX_BELT_SITES \
  "rows (site_id) AS (SELECT site_id FROM belt_site WHERE belt_id = ?1)"
#define MATRIX_REGION_SITES \
  "inside (id) AS (SELECT ?1 UNION SELECT r.id FROM region r JOIN inside ON r.parent_id = inside.id)," \
  " rows (site_id) AS (SELECT id FROM site WHERE region_id IN inside)"

static const char matrix_belt_rows_sql[] =
  "SELECT s.id, s.name, b.name, b.id FROM belt_site bs JOIN site s ON s.id = bs.site_id"
  " JOIN belt b ON b.id = bs.belt_id WHERE bs.belt_id = ?1 ORDER BY bs.position";
/* A site on several belts comes once per belt: the rows are put in order in memory (sorting
 * 100k rows by two Chinese texts in SQL, with a subquery per site for its first belt, cost
 * 0.8 s of CPU). */
static const char matrix_region_rows_sql[] =
  "WITH RECURSIVE " MATRIX_REGION_SITES
  " SELECT s.id, s.name, b.name, b.id FROM rows r JOIN site s ON s.id = r.site_id"
  " LEFT JOIN belt_site bs ON bs.site_id = s.id LEFT JOIN belt b ON b.id = bs.belt_id";

/* The answers of each row's latest finished inspection of the set on or before ?2: one probe of
 * the covering index per row for the inspection's rowid, then its answers. With one version of
 * the set (?3 its id), the index gives the latest directly; with several, the few latest rows of
 * each version are sorted per site. */
#define MATRIX_ANSWERS(SITES, SET_MATCH) \
  "WITH RECURSIVE " SITES "," \
  " latest (site_id, insp) AS (SELECT r.site_id," \
  "  (SELECT i.rowid FROM inspection i INDEXED BY inspection_latest_site" \
  "   WHERE i.site_id = r.site_id AND i.state = 'finished' AND " SET_MATCH " AND i.date <= ?2" \
  "   ORDER BY i.date DESC, i.finished DESC LIMIT 1) FROM rows r)" \
  " SELECT l.site_id, i.date, res.item_id, res.answer FROM latest l" \
  " JOIN inspection i ON i.rowid = l.insp" \
  " LEFT JOIN inspection_result res ON res.inspection_id = i.id"
#define ONE_VERSION "i.set_id = ?3"
#define ANY_VERSION "i.set_id IN (SELECT v.id FROM standard_set v JOIN standard_set s ON s.code = v.code WHERE s.id = ?3)"

static const char * const matrix_answers_sql[2][2] = {
  /* [by region][several versions] */
  { MATRIX_ANSWERS (MATRIX_BELT_SITES, ONE_VERSION), MATRIX_ANSWERS (MATRIX_BELT_SITES, ANY_VERSION) },
  { MATRIX_ANSWERS (MATRIX_REGION_SITES, ONE_VERSION), MATRIX_ANSWERS (MATRIX_REGION_SITES, ANY_VERSION) },
};

/* The current version of a set, and how many versions it has. */
static const char matrix_set_sql[] =
  "SELECT id, name_zh, applies_to, (SELECT count(*) FROM standard_set v WHERE v.code = ?1)"
  " FROM standard_set WHERE code = ?1 ORDER BY superseded_by IS NULL DESC, version DESC LIMIT 1";
static const char matrix_items_sql[] =
  "SELECT code, title_zh FROM standard_item WHERE set_id = ?1 ORDER BY position";
/* The items of every version of the set, by id: answers name their item by id. */
static const char matrix_all_items_sql[] =
  "SELECT it.id, it.code FROM standard_item it JOIN standard_set v ON v.id = it.set_id"
  " JOIN standard_set s ON s.code = v.code WHERE s.id = ?1";

typedef struct {
  char *id;
  char *name;
  char *belt;     /* the first of its belts by name (then id); NULL for none */
  char *belt_id;
} MatrixRow;

static void
matrix_row_clear (MatrixRow *row)
{
  g_free (row->id);
  g_free (row->name);
  g_free (row->belt);
  g_free (row->belt_id);
}

/* By belt name (sites on no belt last), then site name, then id. */
static int
compare_matrix_rows (gconstpointer a,
                     gconstpointer b)
{
  const MatrixRow *x = a, *y = b;
  int order;

  if ((x->belt == NULL) != (y->belt == NULL))
    return x->belt == NULL ? 1 : -1;
  if (x->belt != NULL && (order = strcmp (x->belt, y->belt)) != 0)
    return order;
  if ((order = g_strcmp0 (x->name, y->name)) != 0)
    return order;
  return strcmp (x->id, y->id);
}

/* Reads the rows of a belt (in route order) or region (sorted) into @rows. */
static gboolean
read_matrix_rows (HdStore     *self,
                  const char  *belt_id,
                  const char  *region_id,
                  GArray      *rows,
                  GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt;
  int rc;

  if ((stmt = hd_store_prepare (self, belt_id != NULL ? matrix_belt_rows_sql : matrix_region_rows_sql,
                                error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, belt_id != NULL ? belt_id : region_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = hd_sql_text (stmt, 0);
      const char *belt = hd_sql_text (stmt, 2);
      const char *belt_key = hd_sql_text (stmt, 3);
      gpointer index;

      if (g_hash_table_lookup_extended (seen, id, NULL, &index))
        {
          MatrixRow *row = &g_array_index (rows, MatrixRow, GPOINTER_TO_UINT (index));
          int order = belt == NULL ? 1 : row->belt == NULL ? -1 : strcmp (belt, row->belt);

          if (order < 0 || (order == 0 && g_strcmp0 (belt_key, row->belt_id) < 0))
            {
              g_free (row->belt);
              g_free (row->belt_id);
              row->belt = g_strdup (belt);
              row->belt_id = g_strdup (belt_key);
            }
        }
      else
        {
          MatrixRow row = { g_strdup (id), g_strdup (hd_sql_text (stmt, 1)), g_strdup (belt), g_strdup (belt_key) };

          g_array_append_val (rows, row);
          /* The key is the row's own copy: rows' strings stay put while the array grows. */
          g_hash_table_insert (seen, row.id, GUINT_TO_POINTER (rows->len - 1));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }
  if (belt_id == NULL)
    g_array_sort (rows, compare_matrix_rows);
  return TRUE;
}

/* The answer @text spells (one of @texts, indexed by HdAnswer), or HD_ANSWER_NONE. */
static HdAnswer
answer_of_text (const char        *text,
                const char * const texts[HD_N_ANSWERS])
{
  for (int a = HD_ANSWER_NONE + 1; a < HD_N_ANSWERS && text != NULL; a++)
    if (strcmp (text, texts[a]) == 0)
      return (HdAnswer) a;
  return HD_ANSWER_NONE;
}

static gboolean
read_matrix (HdStore           *self,
             HdStandardsMatrix *matrix,
             const char        *belt_id,
             const char        *region_id,
             GError           **error)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MatrixRow));
  g_autoptr(GHashTable) row_index = NULL;
  g_autoptr(GHashTable) column_index = NULL;
  g_autoptr(GHashTable) item_columns = NULL;
  g_autofree char *set_id = NULL;
  g_autofree char *date_text = hd_date_to_string (&matrix->date);
  const char *scope = belt_id != NULL ? belt_id : region_id;
  sqlite3_stmt *stmt;
  gboolean applies_to_belts = FALSE, on_row = FALSE;
  g_autofree char *last_site = NULL;
  gpointer site_row = NULL;
  const char *answer_texts[HD_N_ANSWERS];
  int n_versions = 0;
  int rc;

  g_array_set_clear_func (rows, (GDestroyNotify) matrix_row_clear);

  /* The set and its current items. */
  if ((stmt = hd_store_prepare (self, matrix_set_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, matrix->set_code, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      set_id = g_strdup (hd_sql_text (stmt, 0));
      matrix->set_name = g_strdup (hd_sql_text (stmt, 1));
      applies_to_belts = g_strcmp0 (hd_sql_text (stmt, 2), "belt") == 0;
      n_versions = sqlite3_column_int (stmt, 3);
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
  if (!read_matrix_rows (self, belt_id, region_id, rows, error))
    return FALSE;
  matrix->n_rows = rows->len;
  matrix->row_ids = g_new0 (char *, rows->len + 1);
  matrix->row_names = g_new0 (char *, rows->len + 1);
  matrix->row_belts = g_new0 (char *, rows->len + 1);
  for (guint r = 0; r < rows->len; r++)
    {
      MatrixRow *row = &g_array_index (rows, MatrixRow, r);

      matrix->row_ids[r] = g_steal_pointer (&row->id);
      matrix->row_names[r] = g_steal_pointer (&row->name);
      matrix->row_belts[r] = g_steal_pointer (&row->belt);
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
  /* Item id (of any version) → column, matched by code; an item of an older version that the
   * current one dropped has no column. */
  item_columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if ((stmt = hd_store_prepare (self, matrix_all_items_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, set_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gpointer c;

      if (g_hash_table_lookup_extended (column_index, hd_sql_text (stmt, 1), NULL, &c))
        g_hash_table_insert (item_columns, g_strdup (hd_sql_text (stmt, 0)), c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }

  /* The answers. hd_answer_from_string() looks the enum class up on each call: for 600k
   * answers, the four spellings are compared here instead. */
  for (int a = 0; a < HD_N_ANSWERS; a++)
    answer_texts[a] = hd_answer_to_string ((HdAnswer) a);
  if ((stmt = hd_store_prepare (self, matrix_answers_sql[belt_id == NULL][n_versions > 1], error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, scope, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, date_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, set_id, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *site = hd_sql_text (stmt, 0);
      gpointer c;
      HdAnswer answer;

      /* A site's answers come together: look its row up once. */
      if (g_strcmp0 (site, last_site) != 0)
        {
          g_free (last_site);
          last_site = g_strdup (site);
          on_row = site != NULL && g_hash_table_lookup_extended (row_index, site, NULL, &site_row);
          if (on_row && !g_date_valid (&matrix->row_dates[GPOINTER_TO_UINT (site_row)]))
            hd_date_parse (hd_sql_text (stmt, 1), &matrix->row_dates[GPOINTER_TO_UINT (site_row)]);
        }
      if (!on_row || sqlite3_column_type (stmt, 2) == SQLITE_NULL ||
          !g_hash_table_lookup_extended (item_columns, hd_sql_text (stmt, 2), NULL, &c) ||
          (answer = answer_of_text (hd_sql_text (stmt, 3), answer_texts)) == HD_ANSWER_NONE)
        continue;
      matrix->cells[(gsize) GPOINTER_TO_UINT (site_row) * matrix->n_columns + GPOINTER_TO_UINT (c)] = answer;
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

/* The subjects of a belt (?1: the belt and its route's sites) or of a region (?2: its sites and
 * belts and those of its sub-regions). */
static const char activity_scope_sql[] =
  "WITH RECURSIVE inside (id) AS ("
  "  SELECT ?2 WHERE ?2 IS NOT NULL"
  "  UNION SELECT r.id FROM region r JOIN inside ON r.parent_id = inside.id)"
  " SELECT ?1 WHERE ?1 IS NOT NULL"
  " UNION ALL SELECT site_id FROM belt_site WHERE belt_id = ?1"
  " UNION ALL SELECT id FROM site WHERE region_id IN inside"
  " UNION ALL SELECT id FROM belt WHERE region_id IN inside";

/* The finished inspections from ?1 to ?2, each with its subject, set and date. There is no index
 * on the date: one pass over the table, with the scope checked in memory, measured 3x faster
 * than letting SQLite probe the inspections of 100k subjects one by one. */
static const char activity_sql[] =
  "SELECT coalesce (site_id, belt_id), set_id, substr (date, 1, 4) * 12 + substr (date, 6, 2) - 1"
  " FROM inspection WHERE state = 'finished' AND date BETWEEN ?1 AND ?2";

static const char activity_set_codes_sql[] = "SELECT id, code FROM standard_set";

/* The current name of each set code. */
static const char activity_names_sql[] =
  "SELECT code, name_zh FROM standard_set ORDER BY superseded_by IS NULL, version";

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
  g_autoptr(GHashTable) scope = NULL;
  g_autoptr(GHashTable) set_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* set code → (guint *) counts per month */
  g_autoptr(GHashTable) per_code = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) set_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *last_set_id = NULL;
  guint *last_months = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = hd_date_to_string (&activity->date);
  guint first_year, first_month, first_index;
  sqlite3_stmt *stmt;
  GDate first;
  int rc;

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

  /* Which subjects count: NULL for the whole workspace. */
  if (belt_id != NULL || region_id != NULL)
    {
      scope = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if ((stmt = hd_store_prepare (self, activity_scope_sql, error)) == NULL)
        return FALSE;
      hd_sql_bind_text (stmt, 1, belt_id);
      hd_sql_bind_text (stmt, 2, region_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_hash_table_add (scope, g_strdup (hd_sql_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          hd_sql_read_error (self, error);
          return FALSE;
        }
    }

  /* set id → code, for every version. */
  if ((stmt = hd_store_prepare (self, activity_set_codes_sql, error)) == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (set_codes, g_strdup (hd_sql_text (stmt, 0)), g_strdup (hd_sql_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      hd_sql_read_error (self, error);
      return FALSE;
    }

  if ((stmt = hd_store_prepare (self, activity_sql, error)) == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last_text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *subject = hd_sql_text (stmt, 0);
      const char *set_id = hd_sql_text (stmt, 1);
      /* The month counted from year 0 (dates are checked on the way in). */
      gint64 month = sqlite3_column_int64 (stmt, 2);
      guint *months;
      guint index;

      if (scope != NULL && (subject == NULL || !g_hash_table_contains (scope, subject)))
        continue;
      if (month < first_index || month - first_index >= activity->n_months)
        continue;
      index = (guint) (month - first_index);
      activity->totals[index]++;
      /* Most rows are of the same few sets: look the code up only when the set changes. */
      if (g_strcmp0 (set_id, last_set_id) != 0)
        {
          const char *code = set_id ? g_hash_table_lookup (set_codes, set_id) : NULL;

          g_free (last_set_id);
          last_set_id = g_strdup (set_id);
          last_months = NULL;
          if (code != NULL && (last_months = g_hash_table_lookup (per_code, code)) == NULL)
            {
              last_months = g_new0 (guint, activity->n_months);
              g_hash_table_insert (per_code, g_strdup (code), last_months);
            }
        }
      months = last_months;
      if (months != NULL)
        months[index]++;
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
  {
    GHashTableIter iter;
    gpointer code;

    g_hash_table_iter_init (&iter, per_code);
    while (g_hash_table_iter_next (&iter, &code, NULL))
      g_ptr_array_add (codes, code);
  }
  g_ptr_array_sort (codes, compare_codes);
  activity->n_sets = codes->len;
  activity->set_codes = g_new0 (char *, codes->len + 1);
  activity->set_names = g_new0 (char *, codes->len + 1);
  activity->counts = g_new0 (guint, MAX ((gsize) codes->len * activity->n_months, 1));
  for (guint s = 0; s < codes->len; s++)
    {
      const char *code = g_ptr_array_index (codes, s);
      const char *name = g_hash_table_lookup (set_names, code);

      activity->set_codes[s] = g_strdup (code);
      activity->set_names[s] = g_strdup (name != NULL ? name : code);
      memcpy (activity->counts + (gsize) s * activity->n_months, g_hash_table_lookup (per_code, code),
              activity->n_months * sizeof (guint));
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
