/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-plan-progress"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "hd-light.h"
#include "hd-plan-progress.h"
#include "hd-store-private.h"
#include "hd-types.h"

G_DEFINE_ENUM_TYPE (HdComputedIndicator, hd_computed_indicator,
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_BELTS, "belts"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_BELTS_WITH_8_SITES, "belts-8-sites"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_SITES_ON_BELTS, "sites-on-belts"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_CITY_SITES, "city-sites"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_COUNTY_SITES, "county-sites"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_SERVICE_CENTERS, "service-centers"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_SIX_HAVES_SHARE, "six-haves-share"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_FIVE_ONES_SHARE, "five-ones-share"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_INSPECTED_SHARE, "inspected-share"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_OPEN_RECTIFICATIONS, "open-rectifications"),
  G_DEFINE_ENUM_VALUE (HD_COMPUTED_OVERDUE_RECTIFICATIONS, "overdue-rectifications"))

HD_DEFINE_ENUM_STRINGS (HdComputedIndicator, hd_computed_indicator, HD_TYPE_COMPUTED_INDICATOR)

const char *
hd_computed_indicator_label (HdComputedIndicator key)
{
  switch (key)
    {
    case HD_COMPUTED_BELTS: return C_("indicator", "Belts");
    case HD_COMPUTED_BELTS_WITH_8_SITES: return C_("indicator", "Belts with at least 8 sites");
    case HD_COMPUTED_SITES_ON_BELTS: return C_("indicator", "Sites on belts");
    case HD_COMPUTED_CITY_SITES: return C_("indicator", "City-level sites");
    case HD_COMPUTED_COUNTY_SITES: return C_("indicator", "County-level sites");
    case HD_COMPUTED_SERVICE_CENTERS: return C_("indicator", "Service centers open");
    case HD_COMPUTED_SIX_HAVES_SHARE: return C_("indicator", "Sites meeting the six haves");
    case HD_COMPUTED_FIVE_ONES_SHARE: return C_("indicator", "Belts meeting the five ones");
    case HD_COMPUTED_INSPECTED_SHARE: return C_("indicator", "Sites inspected this quarter");
    case HD_COMPUTED_OPEN_RECTIFICATIONS: return C_("indicator", "Open rectifications");
    case HD_COMPUTED_OVERDUE_RECTIFICATIONS: return C_("indicator", "Overdue rectifications");
    default: g_return_val_if_reached ("");
    }
}

const char *
hd_computed_indicator_unit (HdComputedIndicator key)
{
  switch (key)
    {
    case HD_COMPUTED_BELTS:
    case HD_COMPUTED_BELTS_WITH_8_SITES:
      return C_("unit", "belts");
    case HD_COMPUTED_SITES_ON_BELTS:
    case HD_COMPUTED_CITY_SITES:
    case HD_COMPUTED_COUNTY_SITES:
    case HD_COMPUTED_SERVICE_CENTERS:
      return C_("unit", "sites");
    case HD_COMPUTED_SIX_HAVES_SHARE:
    case HD_COMPUTED_FIVE_ONES_SHARE:
    case HD_COMPUTED_INSPECTED_SHARE:
      return "%";
    case HD_COMPUTED_OPEN_RECTIFICATIONS:
    case HD_COMPUTED_OVERDUE_RECTIFICATIONS:
      return C_("unit", "tasks");
    default: g_return_val_if_reached ("");
    }
}

gboolean
hd_computed_indicator_higher_is_better (HdComputedIndicator key)
{
  return key != HD_COMPUTED_OPEN_RECTIFICATIONS && key != HD_COMPUTED_OVERDUE_RECTIFICATIONS;
}

/* ------------------------------------------------------------------------------------------ */
/* Every query binds ?1 the region (NULL: everything), ?2 the day after the date (records whose
 * `created` stamp sorts before it existed at the end of the date; the stamp is UTC and the date
 * local, so a record made between midnight local and midnight UTC may fall on the next day),
 * ?3 the date, ?4 the first day of its quarter. Each returns one row: a count, or a count and
 * how many of them meet (for shares). */

#define REGIONS \
  "WITH RECURSIVE r (id) AS (SELECT ?1 UNION SELECT region.id FROM region JOIN r" \
  " ON region.parent_id = r.id) "
#define IN_REGION(col) " (?1 IS NULL OR " col " IN r) "

/* The latest finished inspection of a subject against any version of a set, dated on or before
 * ?3: "meets" (1) when no requirement was partly or not met and no red line hit (met or n/a).
 * The latest is the largest date || finished with the verdict appended as its last character:
 * one pass over the covering index that the lights use, no row lookups, no sort. */
#define LATEST_MEETS(index, subject, code)                                                 \
  "(SELECT CAST (substr (max (i.date || coalesce (i.finished, '') ||"                        \
  "   (i.n_partly = 0 AND i.n_not_met = 0 AND i.red_lines_hit = 0)), -1) AS INTEGER)"         \
  " FROM inspection i INDEXED BY " index                                                   \
  " WHERE i." subject " = x.id AND i.state = 'finished' AND i.date <= ?3"                  \
  " AND i.set_id IN (SELECT id FROM standard_set WHERE code = '" code "'))"

/* The same when the set has one version (bound as ?5 for the six haves, ?6 for the five ones):
 * half the work, as the IN list costs as much as the rest. */
#define LATEST_MEETS_ONE(index, subject, param)                                            \
  "(SELECT i.n_partly = 0 AND i.n_not_met = 0 AND i.red_lines_hit = 0"                      \
  " FROM inspection i INDEXED BY " index                                                   \
  " WHERE i." subject " = x.id AND i.state = 'finished' AND i.date <= ?3"                  \
  " AND i.set_id = " param " ORDER BY i.date DESC, i.finished DESC LIMIT 1)"

#define SITE_INSPECTED                                                                    \
  "EXISTS (SELECT 1 FROM inspection i INDEXED BY inspection_latest_site"                    \
  "  WHERE i.site_id = x.id AND i.state = 'finished' AND i.date BETWEEN ?4 AND ?3)"
#define SITE_ON_BELT                                                                      \
  "EXISTS (SELECT 1 FROM belt_site bs JOIN belt b ON b.id = bs.belt_id"                     \
  "  WHERE bs.site_id = x.id AND b.created < ?2)"
#define BELT_HAS_8                                                                        \
  "((SELECT count(*) FROM belt_site bs JOIN site s ON s.id = bs.site_id"                    \
  "  WHERE bs.belt_id = x.id AND s.created < ?2) >= 8)"

/* A task is open at the date when it was created by then and not closed by then (a cancelled
 * task without a closing date is taken as never open: when it was cancelled is not known). */
#define TASKS_OPEN_AT                                                                     \
  " FROM rectification t LEFT JOIN site ts ON ts.id = t.site_id"                          \
  " LEFT JOIN belt tb ON tb.id = t.belt_id"                                               \
  " WHERE t.created < ?2 AND (t.state = 'open' OR t.closed_date > ?3) AND"                \
  IN_REGION ("coalesce (ts.region_id, tb.region_id)")

#define SITES_AT \
  " FROM site x WHERE x.created < ?2 AND" IN_REGION ("x.region_id")
#define BELTS_AT \
  " FROM belt x WHERE x.created < ?2 AND" IN_REGION ("x.region_id")

static const char *const queries[HD_N_COMPUTED_INDICATORS] = {
  [HD_COMPUTED_BELTS] = REGIONS "SELECT count(*)" BELTS_AT,
  [HD_COMPUTED_BELTS_WITH_8_SITES] = REGIONS "SELECT count(*)" BELTS_AT " AND " BELT_HAS_8,
  [HD_COMPUTED_SITES_ON_BELTS] = REGIONS "SELECT count(*)" SITES_AT " AND " SITE_ON_BELT,
  [HD_COMPUTED_CITY_SITES] = REGIONS "SELECT count(*)" SITES_AT " AND x.level = 'city'",
  [HD_COMPUTED_COUNTY_SITES] = REGIONS "SELECT count(*)" SITES_AT " AND x.level = 'county'",
  [HD_COMPUTED_SERVICE_CENTERS] =
    REGIONS "SELECT count(*)" SITES_AT " AND x.kind = 'service_center'",
  [HD_COMPUTED_SIX_HAVES_SHARE] =
    REGIONS "SELECT count(*), coalesce (sum ("
    LATEST_MEETS ("inspection_latest_site", "site_id", "six_haves") "), 0)" SITES_AT,
  [HD_COMPUTED_FIVE_ONES_SHARE] =
    REGIONS "SELECT count(*), coalesce (sum ("
    LATEST_MEETS ("inspection_latest_belt", "belt_id", "five_ones") "), 0)" BELTS_AT,
  [HD_COMPUTED_INSPECTED_SHARE] =
    REGIONS "SELECT count(*), coalesce (sum (" SITE_INSPECTED "), 0)" SITES_AT,
  [HD_COMPUTED_OPEN_RECTIFICATIONS] = REGIONS "SELECT count(*)" TASKS_OPEN_AT,
  [HD_COMPUTED_OVERDUE_RECTIFICATIONS] =
    REGIONS "SELECT count(*)" TASKS_OPEN_AT " AND t.due_date IS NOT NULL AND t.due_date < ?3",
};

static const char six_haves_one_sql[] =
  REGIONS "SELECT count(*), coalesce (sum ("
  LATEST_MEETS_ONE ("inspection_latest_site", "site_id", "?5") "), 0)" SITES_AT;
static const char five_ones_one_sql[] =
  REGIONS "SELECT count(*), coalesce (sum ("
  LATEST_MEETS_ONE ("inspection_latest_belt", "belt_id", "?6") "), 0)" BELTS_AT;

/* All of them at once: one pass over the sites, one over the belts, one over the tasks. */
#define ALL_SITES(latest)                                                                 \
  REGIONS "SELECT count(*), coalesce (sum (x.level = 'city'), 0),"                          \
  " coalesce (sum (x.level = 'county'), 0), coalesce (sum (x.kind = 'service_center'), 0),"\
  " coalesce (sum (" SITE_ON_BELT "), 0),"                                                 \
  " coalesce (sum (" latest "), 0),"                                                       \
  " coalesce (sum (" SITE_INSPECTED "), 0)" SITES_AT
#define ALL_BELTS(latest)                                                                 \
  REGIONS "SELECT count(*), coalesce (sum (" BELT_HAS_8 "), 0),"                            \
  " coalesce (sum (" latest "), 0)" BELTS_AT
static const char all_sites_sql[] =
  ALL_SITES (LATEST_MEETS ("inspection_latest_site", "site_id", "six_haves"));
static const char all_sites_one_sql[] =
  ALL_SITES (LATEST_MEETS_ONE ("inspection_latest_site", "site_id", "?5"));
static const char all_belts_sql[] =
  ALL_BELTS (LATEST_MEETS ("inspection_latest_belt", "belt_id", "five_ones"));
static const char all_belts_one_sql[] =
  ALL_BELTS (LATEST_MEETS_ONE ("inspection_latest_belt", "belt_id", "?6"));
static const char all_tasks_sql[] =
  REGIONS "SELECT count(*), coalesce (sum (t.due_date IS NOT NULL AND t.due_date < ?3), 0)"
  TASKS_OPEN_AT;

/* What the queries are asked about: the region, the date, and the one version of the six-haves
 * and five-ones sets (NULL when there are several). */
typedef struct {
  const char  *region_id;
  const GDate *date;
  char        *six_haves;
  char        *five_ones;
} Params;

static void
params_clear (Params *params)
{
  g_clear_pointer (&params->six_haves, g_free);
  g_clear_pointer (&params->five_ones, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Params, params_clear)

/* (nullable): the id of a set's only version. */
static char *
only_version (HdStore    *self,
              const char *code)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, "SELECT CASE WHEN count(*) = 1 THEN max (id) END"
                                               " FROM standard_set WHERE code = ?1", NULL);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup (hd_sql_text (stmt, 0));
  sqlite3_reset (stmt);
  return id;
}

static void
params_init (Params      *params,
             HdStore     *self,
             const char  *region_id,
             const GDate *date)
{
  params->region_id = region_id;
  params->date = date;
  params->six_haves = only_version (self, "six_haves");
  params->five_ones = only_version (self, "five_ones");
}

/* Binds the four parameters every query takes, and the set ids where it takes them. */
static void
bind_params (sqlite3_stmt *stmt,
             const Params *params)
{
  const GDate *date = params->date;
  const char *region_id = params->region_id;

  g_autofree char *day = NULL;
  g_autofree char *next_day = NULL;
  g_autofree char *quarter_start = NULL;
  GDate next, first;

  next = *date;
  g_date_add_days (&next, 1);
  hd_date_quarter_bounds (date, &first, NULL);
  day = hd_date_to_string (date);
  next_day = hd_date_to_string (&next);
  quarter_start = hd_date_to_string (&first);
  hd_sql_bind_text (stmt, 1, region_id);
  sqlite3_bind_text (stmt, 2, next_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, quarter_start, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 5)
    hd_sql_bind_text (stmt, 5, params->six_haves);
  if (sqlite3_bind_parameter_count (stmt) >= 6)
    hd_sql_bind_text (stmt, 6, params->five_ones);
}

static double
share (gint64 part,
       gint64 total)
{
  return total > 0 ? 100.0 * (double) part / (double) total : 0.0;
}

static gboolean
run_row (HdStore      *self,
         const char   *sql,
         const Params *params,
         gint64       *out,
         int           n_out,
         GError      **error)
{
  sqlite3_stmt *stmt = hd_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_params (stmt, params);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    for (int i = 0; i < n_out; i++)
      out[i] = sqlite3_column_int64 (stmt, i);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      hd_store_set_error_from_db (self, error, _("Could not compute the plan’s indicators"));
      return FALSE;
    }
  return TRUE;
}

gboolean
hd_store_evaluate_indicators (HdStore      *self,
                              const char   *region_id,
                              const GDate  *date,
                              double        values[HD_N_COMPUTED_INDICATORS],
                              GError      **error)
{
  g_auto(Params) params = { 0, };
  gint64 sites[7], belts[3], tasks[2];

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  params_init (&params, self, region_id, date);
  if (!run_row (self, params.six_haves ? all_sites_one_sql : all_sites_sql, &params,
                sites, G_N_ELEMENTS (sites), error) ||
      !run_row (self, params.five_ones ? all_belts_one_sql : all_belts_sql, &params,
                belts, G_N_ELEMENTS (belts), error) ||
      !run_row (self, all_tasks_sql, &params, tasks, G_N_ELEMENTS (tasks), error))
    return FALSE;
  values[HD_COMPUTED_BELTS] = (double) belts[0];
  values[HD_COMPUTED_BELTS_WITH_8_SITES] = (double) belts[1];
  values[HD_COMPUTED_FIVE_ONES_SHARE] = share (belts[2], belts[0]);
  values[HD_COMPUTED_CITY_SITES] = (double) sites[1];
  values[HD_COMPUTED_COUNTY_SITES] = (double) sites[2];
  values[HD_COMPUTED_SERVICE_CENTERS] = (double) sites[3];
  values[HD_COMPUTED_SITES_ON_BELTS] = (double) sites[4];
  values[HD_COMPUTED_SIX_HAVES_SHARE] = share (sites[5], sites[0]);
  values[HD_COMPUTED_INSPECTED_SHARE] = share (sites[6], sites[0]);
  values[HD_COMPUTED_OPEN_RECTIFICATIONS] = (double) tasks[0];
  values[HD_COMPUTED_OVERDUE_RECTIFICATIONS] = (double) tasks[1];
  return TRUE;
}

gboolean
hd_store_evaluate_indicator (HdStore              *self,
                             HdComputedIndicator   key,
                             const char           *region_id,
                             const GDate          *date,
                             double               *value,
                             GError              **error)
{
  g_auto(Params) params = { 0, };
  const char *sql = queries[key];
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (HD_IS_STORE (self), FALSE);
  g_return_val_if_fail ((guint) key < HD_N_COMPUTED_INDICATORS, FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  params_init (&params, self, region_id, date);
  if (key == HD_COMPUTED_SIX_HAVES_SHARE && params.six_haves != NULL)
    sql = six_haves_one_sql;
  else if (key == HD_COMPUTED_FIVE_ONES_SHARE && params.five_ones != NULL)
    sql = five_ones_one_sql;
  stmt = hd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_params (stmt, &params);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_count (stmt) == 2)
        *value = share (sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 0));
      else
        *value = (double) sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      g_autofree char *what = g_strdup_printf (_("Could not compute “%s”"),
                                               hd_computed_indicator_label (key));

      hd_store_set_error_from_db (self, error, what);
      return FALSE;
    }
  return TRUE;
}

/* Writes the snapshot of one plan (or all) at @date inside an open transaction. The values are
 * computed once per region (several plans may share one), and only when a plan has a computed
 * indicator. */
static int
snapshot_in_transaction (HdStore     *self,
                         const char  *plan_id,
                         const GDate *date,
                         gboolean     running_only,
                         const char  *what,
                         GPtrArray   *changed_plans,
                         GError     **error)
{
  g_autoptr(GHashTable) by_region = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *day = hd_date_to_string (date);
  GListModel *plans = hd_store_get_plans (self);
  int written = 0;

  for (guint i = 0, n = g_list_model_get_n_items (plans); i < n; i++)
    {
      g_autoptr(HdPlan) plan = g_list_model_get_item (plans, i);
      g_autoptr(GPtrArray) indicators = NULL;
      const char *region = hd_plan_get_region_id (plan);
      double *values = NULL;
      gboolean any = FALSE;

      if (plan_id != NULL && g_strcmp0 (plan_id, hd_plan_get_id (plan)) != 0)
        continue;
      /* A plan that has not started or is over keeps its history as it is. */
      if (running_only && ((int) g_date_get_year (date) < hd_plan_get_first_year (plan) ||
                           (int) g_date_get_year (date) > hd_plan_get_first_year (plan) + 2))
        continue;
      indicators = hd_store_list_indicators (self, hd_plan_get_id (plan), error);
      if (indicators == NULL)
        return -1;
      for (guint k = 0; k < indicators->len; k++)
        {
          HdIndicator *indicator = g_ptr_array_index (indicators, k);
          HdComputedIndicator key;

          if (!hd_indicator_is_computed (indicator) ||
              !hd_computed_indicator_from_string (hd_indicator_get_computed_key (indicator), &key))
            continue;
          if (values == NULL)
            {
              values = g_hash_table_lookup (by_region, region ? region : "");
              if (values == NULL)
                {
                  values = g_new (double, HD_N_COMPUTED_INDICATORS);
                  g_hash_table_insert (by_region, g_strdup (region ? region : ""), values);
                  if (!hd_store_evaluate_indicators (self, region, date, values, error))
                    return -1;
                }
            }
          if (!hd_store_write_indicator_actual (self, hd_indicator_get_id (indicator), day,
                                                values[key], NULL, what, error))
            return -1;
          written++;
          any = TRUE;
        }
      if (any)
        g_ptr_array_add (changed_plans, g_strdup (hd_plan_get_id (plan)));
    }
  return written;
}

int
hd_store_snapshot_plan (HdStore      *self,
                        const char   *plan_id,
                        const GDate  *date,
                        GError      **error)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *day = NULL;
  g_autofree char *what = NULL;
  int written;

  g_return_val_if_fail (HD_IS_STORE (self), -1);
  g_return_val_if_fail (date != NULL && g_date_valid (date), -1);

  day = hd_date_to_string (date);
  what = g_strdup_printf (_("Could not take the snapshot of %s"), day);
  if (plan_id != NULL && hd_store_lookup_plan (self, plan_id) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("%s: there is no plan with the id “%s”"), what, plan_id);
      return -1;
    }
  if (!hd_store_begin_command (self, what, error))
    return -1;
  written = snapshot_in_transaction (self, plan_id, date, FALSE, what, changed, error);
  if (written < 0 ||
      !hd_store_commit_command (self, what, g_strdup_printf (_("Snapshot of %s"), day), error))
    {
      hd_store_rollback (self);
      return -1;
    }
  g_ptr_array_add (changed, NULL);
  hd_store_emit_changed (self, HD_CHANGE_PLANS, (const char * const *) changed->pdata);
  return written;
}

#define LAST_MONTH_KEY "plans.last_snapshot_month"

int
hd_store_snapshot_monthly (HdStore      *self,
                           const GDate  *today,
                           gboolean     *already,
                           GError      **error)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *month = NULL;
  g_autofree char *what = NULL;
  sqlite3_stmt *stmt;
  gboolean done = FALSE;
  int written;

  g_return_val_if_fail (HD_IS_STORE (self), -1);
  g_return_val_if_fail (today != NULL && g_date_valid (today), -1);

  month = g_strdup_printf ("%04u-%02u", g_date_get_year (today), g_date_get_month (today));
  what = g_strdup_printf (_("Could not take the monthly snapshot of %s"), month);
  if (!hd_store_begin (self, what, error))
    return -1;
  /* Read inside the transaction: two windows starting at once take one snapshot. */
  stmt = hd_store_prepare (self, "SELECT value = ?2 FROM setting WHERE key = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, LAST_MONTH_KEY, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    done = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (already != NULL)
    *already = done;
  if (done)
    {
      hd_store_rollback (self);
      return 0;
    }
  written = snapshot_in_transaction (self, NULL, today, TRUE, what, changed, error);
  if (written < 0)
    goto fail;
  stmt = hd_store_prepare (self, "INSERT INTO setting (key, value) VALUES (?1, ?2)"
                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, LAST_MONTH_KEY, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  if (!hd_store_step_done (self, stmt, what, error) || !hd_store_commit (self, what, error))
    goto fail;
  if (changed->len > 0)
    {
      g_ptr_array_add (changed, NULL);
      hd_store_emit_changed (self, HD_CHANGE_PLANS, (const char * const *) changed->pdata);
    }
  return written;

fail:
  hd_store_rollback (self);
  return -1;
}

void
hd_indicator_progress_free (HdIndicatorProgress *progress)
{
  if (progress == NULL)
    return;
  g_clear_object (&progress->indicator);
  g_clear_pointer (&progress->actuals, g_ptr_array_unref);
  g_free (progress->latest_date);
  g_free (progress);
}

GPtrArray *
hd_store_get_plan_progress (HdStore      *self,
                            const char   *plan_id,
                            const GDate  *date,
                            GError      **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GPtrArray) indicators = NULL;
  g_autofree char *day = NULL;
  HdPlan *plan;

  g_return_val_if_fail (HD_IS_STORE (self), NULL);
  g_return_val_if_fail (plan_id != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  plan = hd_store_lookup_plan (self, plan_id);
  if (plan == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("There is no plan with the id “%s”"), plan_id);
      return NULL;
    }
  indicators = hd_store_list_indicators (self, plan_id, error);
  if (indicators == NULL)
    return NULL;
  day = hd_date_to_string (date);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) hd_indicator_progress_free);
  for (guint i = 0; i < indicators->len; i++)
    {
      HdIndicator *indicator = g_ptr_array_index (indicators, i);
      g_autoptr(HdIndicatorProgress) progress = g_new0 (HdIndicatorProgress, 1);
      int first_year = hd_plan_get_first_year (plan);
      gboolean higher = hd_indicator_get_higher_is_better (indicator);

      progress->indicator = g_object_ref (indicator);
      hd_indicator_get_targets (indicator, progress->targets);
      progress->actuals = hd_store_list_indicator_actuals (self, hd_indicator_get_id (indicator), error);
      if (progress->actuals == NULL)
        return NULL;
      /* Oldest first: drop the ones after the date from the end. */
      while (progress->actuals->len > 0)
        {
          HdIndicatorActual *last = g_ptr_array_index (progress->actuals, progress->actuals->len - 1);

          if (strcmp (last->date, day) <= 0)
            break;
          g_ptr_array_remove_index (progress->actuals, progress->actuals->len - 1);
        }
      progress->baseline = 0.0;
      progress->latest = NAN;
      if (progress->actuals->len > 0)
        {
          HdIndicatorActual *first = g_ptr_array_index (progress->actuals, 0);
          HdIndicatorActual *last = g_ptr_array_index (progress->actuals, progress->actuals->len - 1);

          progress->baseline = first->value;
          progress->latest = last->value;
          progress->latest_date = g_strdup (last->date);
        }
      progress->expected = hd_plan_expected_value (first_year, progress->targets,
                                                   progress->baseline, date);
      progress->year_percent = hd_plan_year_percent (first_year, progress->targets,
                                                     progress->latest, higher, date);
      progress->status = hd_plan_status_compute (first_year, progress->targets,
                                                 progress->baseline, progress->latest, higher, date);
      g_ptr_array_add (result, g_steal_pointer (&progress));
    }
  return g_steal_pointer (&result);
}
