/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "hd-report"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "hd-figures.h"
#include "hd-inspection.h"
#include "hd-plan-progress.h"
#include "hd-report.h"
#include "hd-standards.h"

/* How far back the activity chart looks at most, in months. */
#define MAX_ACTIVITY_MONTHS 36

/* Memory of a filled struct: blocks freed together, strings copied once. */
typedef struct {
  GPtrArray    *owned;
  GStringChunk *strings;
} Arena;

static void
arena_init (Arena *arena)
{
  arena->owned = g_ptr_array_new_with_free_func (g_free);
  arena->strings = g_string_chunk_new (4096);
}

static void
arena_clear (Arena *arena)
{
  g_clear_pointer (&arena->owned, g_ptr_array_unref);
  if (arena->strings != NULL)
    g_string_chunk_free (arena->strings);
  arena->strings = NULL;
}

static gpointer
arena_alloc (Arena *arena,
             gsize  n,
             gsize  size)
{
  gpointer block = g_malloc0_n (MAX (n, 1), size);

  g_ptr_array_add (arena->owned, block);
  return block;
}

#define arena_new(arena, type, n) ((type *) arena_alloc ((arena), (n), sizeof (type)))

static const char *
arena_str (Arena      *arena,
           const char *text)
{
  return text != NULL ? g_string_chunk_insert_const (arena->strings, text) : NULL;
}

static const char *
arena_take (Arena *arena,
            char  *text)
{
  const char *copy = arena_str (arena, text);

  g_free (text);
  return copy;
}

/* ---------------------------------------------------------------------------------------- */

static HdChartStatus
chart_status (HdPlanStatus status)
{
  switch (status)
    {
    case HD_PLAN_STATUS_ON_TRACK:
      return HD_CHART_STATUS_ON_TRACK;
    case HD_PLAN_STATUS_AT_RISK:
      return HD_CHART_STATUS_AT_RISK;
    case HD_PLAN_STATUS_BEHIND:
      return HD_CHART_STATUS_BEHIND;
    case HD_PLAN_STATUS_UNKNOWN:
    default:
      return HD_CHART_STATUS_NONE;
    }
}

static const char *
plan_theme (HdPlan *plan,
            int     index)
{
  const char *theme = index == 0 ? hd_plan_get_theme1 (plan)
                    : index == 1 ? hd_plan_get_theme2 (plan) : hd_plan_get_theme3 (plan);

  return theme != NULL && *theme != '\0' ? theme : NULL;
}

static HdPlan *
lookup_plan (HdStore     *store,
             const char  *plan_id,
             GError     **error)
{
  HdPlan *plan = plan_id != NULL ? hd_store_lookup_plan (store, plan_id) : NULL;

  if (plan == NULL)
    {
      if (plan_id == NULL)
        g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                             _("This chart needs a plan"));
      else
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                     _("There is no plan with id “%s”"), plan_id);
    }
  return plan;
}

/* Whether @region_id is @ancestor_id or lies inside it (any depth). A NULL ancestor is the
 * whole workspace. */
static gboolean
region_within (HdStore    *store,
               const char *region_id,
               const char *ancestor_id)
{
  if (ancestor_id == NULL)
    return TRUE;
  for (guint depth = 0; region_id != NULL && depth < 64; depth++)
    {
      HdRegion *region;

      if (g_strcmp0 (region_id, ancestor_id) == 0)
        return TRUE;
      region = hd_store_lookup_region (store, region_id);
      if (region == NULL)
        return FALSE;
      region_id = hd_region_get_parent_id (region);
    }
  return FALSE;
}

/* The district a belt of @region_id is listed under in a handout for @top_id: the sub-region of
 * @top_id that holds it (its row in the region breakdown), or @top_id itself. */
static const char *
district_name (HdStore    *store,
               const char *region_id,
               const char *top_id)
{
  const char *last = NULL;

  for (guint depth = 0; region_id != NULL && depth < 64; depth++)
    {
      HdRegion *region = hd_store_lookup_region (store, region_id);

      if (region == NULL)
        break;
      if (g_strcmp0 (region_id, top_id) == 0)
        return last != NULL ? last : hd_region_get_name (region);
      last = hd_region_get_name (region);
      region_id = hd_region_get_parent_id (region);
    }
  return last != NULL ? last : _("No region");
}

static void
fill_target (Arena               *arena,
             HdChartTarget       *target,
             HdPlan              *plan,
             HdIndicatorProgress *progress,
             const char          *today)
{
  double *targets = arena_new (arena, double, 3);
  HdChartPoint *points = arena_new (arena, HdChartPoint, progress->actuals->len);
  int first = hd_plan_get_first_year (plan);
  g_autofree char *start = g_strdup_printf ("%04d-01-01", first);
  g_autofree char *end = g_strdup_printf ("%04d-12-31", first + 2);
  guint n = 0;

  for (guint y = 0; y < 3; y++)
    targets[y] = progress->targets[y];
  /* The chart spans the plan's years: values from before or after it are not drawn, so they
   * are not handed over (the last one given is labelled). */
  for (guint i = 0; i < progress->actuals->len; i++)
    {
      HdIndicatorActual *actual = g_ptr_array_index (progress->actuals, i);

      if (strcmp (actual->date, start) < 0 || strcmp (actual->date, end) > 0)
        continue;
      points[n].date = arena_str (arena, actual->date);
      points[n].value = actual->value;
      n++;
    }
  *target = (HdChartTarget) {
    .title = arena_str (arena, hd_indicator_get_name (progress->indicator)),
    .unit = arena_str (arena, hd_indicator_get_unit (progress->indicator)),
    .first_year = hd_plan_get_first_year (plan),
    .n_years = 3,
    .targets = targets,
    .actuals = points,
    .n_actuals = n,
    .today = arena_str (arena, today),
  };
}

static void
fill_dashboard (Arena            *arena,
                HdChartDashboard *dashboard,
                HdPlan           *plan,
                GPtrArray        *progress,
                const GDate      *date)
{
  HdChartIndicator *rows = arena_new (arena, HdChartIndicator, progress->len);
  int index = hd_plan_year_index (hd_plan_get_first_year (plan), date);
  const char *theme = plan_theme (plan, index);

  for (guint i = 0; i < progress->len; i++)
    {
      HdIndicatorProgress *p = g_ptr_array_index (progress, i);

      rows[i] = (HdChartIndicator) {
        .name = arena_str (arena, hd_indicator_get_name (p->indicator)),
        .unit = arena_str (arena, hd_indicator_get_unit (p->indicator)),
        .value = p->latest,
        .target = p->targets[index],
        .status = chart_status (p->status),
      };
    }
  *dashboard = (HdChartDashboard) {
    .title = arena_str (arena, hd_plan_get_title (plan)),
    .subtitle = theme != NULL
      ? arena_take (arena, g_strdup_printf ("%d · %s", hd_plan_get_first_year (plan) + index, theme))
      : arena_take (arena, g_strdup_printf ("%d", hd_plan_get_first_year (plan) + index)),
    .indicators = rows,
    .n_indicators = progress->len,
  };
}

static gboolean
fill_regions (Arena          *arena,
              HdChartRegions *chart,
              HdStore        *store,
              const char     *region_id,
              const GDate    *date,
              GError        **error)
{
  g_autoptr(HdRegionBreakdown) breakdown = hd_store_compute_region_breakdown (store, region_id, date, error);
  HdChartDistrict *districts;

  if (breakdown == NULL)
    return FALSE;
  districts = arena_new (arena, HdChartDistrict, breakdown->n_rows);
  for (guint i = 0; i < breakdown->n_rows; i++)
    {
      const HdRegionFigures *row = &breakdown->rows[i];

      districts[i].name = row->is_self && breakdown->name != NULL
        ? arena_take (arena, g_strdup_printf (_("%s (itself)"), breakdown->name))
        : arena_str (arena, row->name);
      for (guint l = 0; l < HD_N_LIGHTS; l++)
        {
          districts[i].belts[l] = row->n_belts_by_light[l];
          districts[i].sites[l] = row->n_sites_by_light[l];
        }
      districts[i].compliance = row->n_sites > 0 ? row->compliance : NAN;
    }
  *chart = (HdChartRegions) {
    .title = breakdown->name != NULL
      ? arena_take (arena, g_strdup_printf (_("Sites per district by light · %s"), breakdown->name))
      : arena_str (arena, _("Sites per region by light")),
    .count = HD_CHART_COUNT_SITES,
    .districts = districts,
    .n_districts = breakdown->n_rows,
  };
  return TRUE;
}

static gboolean
fill_heatmap (Arena          *arena,
              HdChartHeatmap *chart,
              HdStore        *store,
              const char     *belt_id,
              const char     *region_id,
              const GDate    *date,
              GError        **error)
{
  g_autoptr(HdStandardsMatrix) matrix = NULL;
  const char **rows, **columns;
  HdAnswer *cells;
  const char *where;

  if (belt_id == NULL && region_id == NULL)
    {
      g_set_error_literal (error, HD_STORE_ERROR, HD_STORE_ERROR_INVALID,
                           _("The standards heatmap needs a belt, a region or a plan with a region"));
      return FALSE;
    }
  matrix = hd_store_compute_standards_matrix (store, belt_id, belt_id != NULL ? NULL : region_id,
                                              NULL, date, error);
  if (matrix == NULL)
    return FALSE;
  rows = arena_new (arena, const char *, matrix->n_rows);
  columns = arena_new (arena, const char *, matrix->n_columns);
  cells = arena_new (arena, HdAnswer, (gsize) matrix->n_rows * matrix->n_columns);
  for (guint r = 0; r < matrix->n_rows; r++)
    rows[r] = arena_str (arena, matrix->row_names[r]);
  for (guint c = 0; c < matrix->n_columns; c++)
    columns[c] = arena_str (arena, matrix->column_titles[c]);
  memcpy (cells, matrix->cells, sizeof (HdAnswer) * matrix->n_rows * matrix->n_columns);
  if (belt_id != NULL)
    where = hd_belt_get_name (hd_store_lookup_belt (store, belt_id));
  else
    where = hd_region_get_name (hd_store_lookup_region (store, region_id));
  *chart = (HdChartHeatmap) {
    .title = arena_take (arena, g_strdup_printf ("%s · %s", matrix->set_name, where)),
    .rows = rows,
    .n_rows = matrix->n_rows,
    .columns = columns,
    .n_columns = matrix->n_columns,
    .cells = cells,
  };
  return TRUE;
}

static gboolean
fill_activity (Arena           *arena,
               HdChartActivity *chart,
               HdStore         *store,
               HdPlan          *plan,
               const char      *belt_id,
               const char      *region_id,
               const GDate     *date,
               GError         **error)
{
  g_autoptr(HdInspectionActivity) activity = NULL;
  guint n_months = 24;
  HdChartMonth *months;

  /* From the plan's start, at least a year, at most three. */
  if (plan != NULL)
    {
      int span = (g_date_get_year (date) - hd_plan_get_first_year (plan)) * 12 + g_date_get_month (date);

      n_months = CLAMP (span, 12, MAX_ACTIVITY_MONTHS);
    }
  activity = hd_store_compute_inspection_activity (store, belt_id, belt_id != NULL ? NULL : region_id,
                                                   n_months, FALSE, date, error);
  if (activity == NULL)
    return FALSE;
  months = arena_new (arena, HdChartMonth, activity->n_months);
  for (guint i = 0; i < activity->n_months; i++)
    months[i] = (HdChartMonth) { activity->years[i], activity->months[i], activity->totals[i] };
  *chart = (HdChartActivity) {
    .title = belt_id != NULL
      ? arena_take (arena, g_strdup_printf (_("Inspections per month · %s"),
                                            hd_belt_get_name (hd_store_lookup_belt (store, belt_id))))
      : region_id != NULL
      ? arena_take (arena, g_strdup_printf (_("Inspections per month · %s"),
                                            hd_region_get_name (hd_store_lookup_region (store, region_id))))
      : arena_str (arena, _("Inspections per month")),
    .months = months,
    .n_months = activity->n_months,
  };
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */

static const char *const kind_names[] = { "target", "dashboard", "regions", "heatmap", "activity" };
G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == HD_CHART_ACTIVITY + 1);

/**
 * hd_report_chart_kind_to_string:
 *
 * Returns: the chart's name on the command line.
 */
const char *
hd_report_chart_kind_to_string (HdChartKind kind)
{
  g_return_val_if_fail (kind <= HD_CHART_ACTIVITY, NULL);
  return kind_names[kind];
}

/**
 * hd_report_chart_kind_from_string:
 *
 * Returns: whether @str names a chart (then stored in @out).
 */
gboolean
hd_report_chart_kind_from_string (const char  *str,
                                  HdChartKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (str, kind_names[i]) == 0)
      {
        *out = (HdChartKind) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
check_ids (HdStore             *store,
           const HdReportQuery *query,
           GError             **error)
{
  if (query->region_id != NULL && hd_store_lookup_region (store, query->region_id) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("There is no region with id “%s”"), query->region_id);
      return FALSE;
    }
  if (query->belt_id != NULL && hd_store_lookup_belt (store, query->belt_id) == NULL)
    {
      g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                   _("There is no belt with id “%s”"), query->belt_id);
      return FALSE;
    }
  return TRUE;
}

HdReportChart *
hd_report_chart_new (HdStore             *store,
                     HdChartKind          kind,
                     const HdReportQuery *query,
                     const GDate         *date,
                     GError             **error)
{
  g_autoptr(HdReportChart) chart = g_new0 (HdReportChart, 1);
  Arena arena;
  HdPlan *plan = NULL;
  const char *region_id;
  GDate day;
  gboolean ok = TRUE;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (kind <= HD_CHART_ACTIVITY, NULL);

  arena_init (&arena);
  chart->kind = kind;
  chart->owned = arena.owned;
  chart->strings = arena.strings;
  day = date != NULL ? *date : hd_store_get_today (store);

  if (!check_ids (store, query, error))
    return NULL;
  if (query->plan_id != NULL || kind == HD_CHART_TARGET || kind == HD_CHART_DASHBOARD)
    {
      plan = lookup_plan (store, query->plan_id, error);
      if (plan == NULL)
        return NULL;
    }
  region_id = query->region_id != NULL ? query->region_id
            : plan != NULL ? hd_plan_get_region_id (plan) : NULL;

  switch (kind)
    {
    case HD_CHART_TARGET:
    case HD_CHART_DASHBOARD:
      {
        g_autoptr(GPtrArray) progress = hd_store_get_plan_progress (store, hd_plan_get_id (plan), &day, error);
        g_autofree char *today = hd_date_to_string (&day);

        if (progress == NULL)
          return NULL;
        if (kind == HD_CHART_DASHBOARD)
          {
            fill_dashboard (&arena, &chart->data.dashboard, plan, progress, &day);
            break;
          }
        for (guint i = 0; i < progress->len; i++)
          {
            HdIndicatorProgress *p = g_ptr_array_index (progress, i);

            if (query->indicator_id == NULL
                || g_strcmp0 (query->indicator_id, hd_indicator_get_id (p->indicator)) == 0)
              {
                fill_target (&arena, &chart->data.target, plan, p, today);
                return g_steal_pointer (&chart);
              }
          }
        if (query->indicator_id != NULL)
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                       _("Plan “%s” has no indicator with id “%s”"), hd_plan_get_title (plan), query->indicator_id);
        else
          g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                       _("Plan “%s” has no indicators"), hd_plan_get_title (plan));
        return NULL;
      }
    case HD_CHART_REGIONS:
      ok = fill_regions (&arena, &chart->data.regions, store, region_id, &day, error);
      break;
    case HD_CHART_HEATMAP:
      ok = fill_heatmap (&arena, &chart->data.heatmap, store, query->belt_id, region_id, &day, error);
      break;
    case HD_CHART_ACTIVITY:
      ok = fill_activity (&arena, &chart->data.activity, store, plan, query->belt_id, region_id, &day, error);
      break;
    default:
      g_assert_not_reached ();
    }
  return ok ? g_steal_pointer (&chart) : NULL;
}

/**
 * hd_report_chart_free:
 *
 * Frees the chart's data and all it points to.
 */
void
hd_report_chart_free (HdReportChart *chart)
{
  Arena arena;

  if (chart == NULL)
    return;
  arena.owned = chart->owned;
  arena.strings = chart->strings;
  arena_clear (&arena);
  g_free (chart);
}

/* ---------------------------------------------------------------------------------------- */

struct _HdReport {
  HdHandout        doc;
  HdHandoutCheck  *unanswered;      /* the five ones' items, none answered: a belt never inspected */
  guint            n_unanswered;
  HdChartDashboard dashboard;
  HdChartRegions   regions;
  HdChartActivity  activity;
  Arena            arena;
};

typedef struct {
  HdBelt     *belt;
  const char *district;
} BeltEntry;

static int
compare_belts (gconstpointer a,
               gconstpointer b)
{
  const BeltEntry *x = a, *y = b;
  int by_district = g_utf8_collate (x->district, y->district);

  return by_district != 0 ? by_district
                          : g_utf8_collate (hd_belt_get_name (x->belt), hd_belt_get_name (y->belt));
}

/* The five ones of the belt's latest finished five-ones inspection on or before @day. */
static gboolean
fill_five_ones (HdReport      *self,
                HdStore       *store,
                HdHandoutBelt *out,
                const char    *belt_id,
                const char    *day,
                GError       **error)
{
  g_autoptr(GListStore) inspections = hd_store_list_inspections (store, belt_id, error);
  guint n;

  if (inspections == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (inspections));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdInspection) inspection = g_list_model_get_item (G_LIST_MODEL (inspections), i);
      g_autoptr(GListStore) answers = NULL;
      HdHandoutCheck *checks;
      guint n_answers;

      if (hd_inspection_get_state (inspection) != HD_INSPECTION_FINISHED
          || g_strcmp0 (hd_inspection_get_set_code (inspection), HD_STANDARD_FIVE_ONES) != 0
          || g_strcmp0 (hd_inspection_get_date (inspection), day) > 0)
        continue;
      answers = hd_store_list_inspection_answers (store, hd_inspection_get_id (inspection), error);
      if (answers == NULL)
        return FALSE;
      n_answers = g_list_model_get_n_items (G_LIST_MODEL (answers));
      checks = arena_new (&self->arena, HdHandoutCheck, n_answers);
      for (guint a = 0; a < n_answers; a++)
        {
          g_autoptr(HdInspectionAnswer) answer = g_list_model_get_item (G_LIST_MODEL (answers), a);

          checks[a].item = arena_str (&self->arena, hd_inspection_answer_get_title (answer));
          checks[a].answer = hd_inspection_answer_get_answer (answer);
        }
      out->five_ones = checks;
      out->n_five_ones = n_answers;
      return TRUE;
    }
  /* Never inspected: the items are listed unanswered, so the page says so item by item. */
  out->five_ones = self->unanswered;
  out->n_five_ones = self->n_unanswered;
  return TRUE;
}

/* The current five ones' items, for belts without an inspection; none when the set is gone. */
static void
fill_unanswered (HdReport *self,
                 HdStore  *store)
{
  g_autoptr(HdStandardSet) set = hd_store_find_standard_set (store, HD_STANDARD_FIVE_ONES, NULL);
  g_autoptr(GListStore) items = NULL;
  guint n;

  if (set == NULL)
    return;
  items = hd_store_list_standard_items (store, hd_standard_set_get_id (set), NULL);
  if (items == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (items));
  self->unanswered = arena_new (&self->arena, HdHandoutCheck, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(HdStandardItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      self->unanswered[i] = (HdHandoutCheck) { arena_str (&self->arena, hd_standard_item_get_title (item)),
                                               HD_ANSWER_NONE };
    }
  self->n_unanswered = n;
}

static gboolean
fill_belt (HdReport      *self,
           HdStore       *store,
           HdHandoutBelt *out,
           BeltEntry     *entry,
           const GDate   *date,
           const char    *day,
           GHashTable    *site_lights,
           GHashTable    *belt_lights,
           GHashTable    *tasks_by_subject,
           GError       **error)
{
  const char *belt_id = hd_belt_get_id (entry->belt);
  g_auto(GStrv) route = hd_store_dup_belt_route (store, belt_id);
  g_autoptr(HdStandardsMatrix) matrix = hd_store_compute_standards_matrix (store, belt_id, NULL, NULL, date, error);
  guint n_sites = g_strv_length (route);
  HdHandoutSite *sites = arena_new (&self->arena, HdHandoutSite, n_sites);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new ();
  HdHandoutRectification *rects;

  if (matrix == NULL)
    return FALSE;
  if (self->doc.site_items == NULL)
    {
      const char **items = arena_new (&self->arena, const char *, matrix->n_columns);

      for (guint c = 0; c < matrix->n_columns; c++)
        items[c] = arena_str (&self->arena, matrix->column_titles[c]);
      self->doc.site_items = items;
      self->doc.n_site_items = matrix->n_columns;
    }

  for (guint i = 0; i < n_sites; i++)
    {
      HdSite *site = hd_store_lookup_site (store, route[i]);
      GPtrArray *site_tasks = g_hash_table_lookup (tasks_by_subject, route[i]);

      if (site == NULL)
        {
          /* Gone since the route was read (another process): a row that says so. */
          sites[i] = (HdHandoutSite) { arena_str (&self->arena, _("(deleted site)")), NULL, NAN, NAN,
                                       HD_LIGHT_GREY, NULL };
          continue;
        }
      sites[i] = (HdHandoutSite) {
        .name = arena_str (&self->arena, hd_site_get_name (site)),
        .kind = arena_str (&self->arena, hd_site_kind_label (hd_site_get_kind (site))),
        .lon = hd_site_get_has_position (site) ? hd_site_get_longitude (site) : NAN,
        .lat = hd_site_get_has_position (site) ? hd_site_get_latitude (site) : NAN,
        .light = GPOINTER_TO_INT (g_hash_table_lookup (site_lights, route[i])),
      };
      /* The matrix lists the route's sites in route order, so row i is site i. */
      if (i < matrix->n_rows && g_strcmp0 (matrix->row_ids[i], route[i]) == 0
          && g_date_valid (&matrix->row_dates[i]) && matrix->n_columns == self->doc.n_site_items)
        {
          HdAnswer *answers = arena_new (&self->arena, HdAnswer, matrix->n_columns);

          for (guint c = 0; c < matrix->n_columns; c++)
            answers[c] = hd_standards_matrix_get (matrix, i, c);
          sites[i].answers = answers;
        }
      if (site_tasks != NULL)
        g_ptr_array_extend (tasks, site_tasks, NULL, NULL);
    }
  {
    GPtrArray *belt_tasks = g_hash_table_lookup (tasks_by_subject, belt_id);

    if (belt_tasks != NULL)
      g_ptr_array_extend (tasks, belt_tasks, NULL, NULL);
  }
  rects = arena_new (&self->arena, HdHandoutRectification, tasks->len);
  for (guint i = 0; i < tasks->len; i++)
    {
      HdRectification *task = g_ptr_array_index (tasks, i);

      rects[i] = (HdHandoutRectification) {
        .subject = arena_str (&self->arena, hd_rectification_get_subject_name (task)),
        .problem = arena_str (&self->arena, hd_rectification_get_description (task)),
        .owner = arena_str (&self->arena, hd_rectification_get_owner (task)),
        .due = arena_str (&self->arena, hd_rectification_get_due_date (task)),
        .overdue = hd_rectification_get_overdue (task),
      };
    }

  *out = (HdHandoutBelt) {
    .name = arena_str (&self->arena, hd_belt_get_name (entry->belt)),
    .district = arena_str (&self->arena, entry->district),
    .brand = arena_str (&self->arena, hd_belt_get_brand (entry->belt)),
    .light = GPOINTER_TO_INT (g_hash_table_lookup (belt_lights, belt_id)),
    .sites = sites,
    .n_sites = n_sites,
    .rectifications = rects,
    .n_rectifications = tasks->len,
  };
  return fill_five_ones (self, store, out, belt_id, day, error);
}

static gboolean
fill_belts (HdReport           *self,
            HdStore            *store,
            HdPlan             *plan,
            const GDate        *date,
            const char * const *region_ids,
            const char * const *belt_ids,
            GError            **error)
{
  GListModel *belts = hd_store_get_belts (store);
  const char *top = hd_plan_get_region_id (plan);
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (BeltEntry));
  g_autoptr(GHashTable) site_lights = NULL, belt_lights = NULL;
  g_autoptr(GHashTable) tasks_by_subject = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                                  (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GListStore) tasks = NULL;
  g_autofree char *day = hd_date_to_string (date);
  HdHandoutBelt *out;
  gboolean filtered = (region_ids != NULL && region_ids[0] != NULL) || (belt_ids != NULL && belt_ids[0] != NULL);

  for (guint i = 0; region_ids != NULL && region_ids[i] != NULL; i++)
    if (hd_store_lookup_region (store, region_ids[i]) == NULL)
      {
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                     _("There is no region with id “%s”"), region_ids[i]);
        return FALSE;
      }
  for (guint i = 0; belt_ids != NULL && belt_ids[i] != NULL; i++)
    if (hd_store_lookup_belt (store, belt_ids[i]) == NULL)
      {
        g_set_error (error, HD_STORE_ERROR, HD_STORE_ERROR_NOT_FOUND,
                     _("There is no belt with id “%s”"), belt_ids[i]);
        return FALSE;
      }

  for (guint i = 0, n = g_list_model_get_n_items (belts); i < n; i++)
    {
      g_autoptr(HdBelt) belt = g_list_model_get_item (belts, i);
      const char *region = hd_belt_get_region_id (belt);
      gboolean wanted = FALSE;

      if (!filtered)
        wanted = region_within (store, region, top);
      if (belt_ids != NULL && g_strv_contains (belt_ids, hd_belt_get_id (belt)))
        wanted = TRUE;
      for (guint r = 0; !wanted && region_ids != NULL && region_ids[r] != NULL; r++)
        wanted = region_within (store, region, region_ids[r]);
      if (wanted)
        {
          BeltEntry entry = { belt, district_name (store, region, top) };

          g_array_append_val (chosen, entry);
        }
    }
  g_array_sort (chosen, compare_belts);

  if (!hd_store_compute_lights (store, date, &site_lights, &belt_lights, error))
    return FALSE;
  /* Every open task at once (of the plan's region unless belts were picked anywhere), grouped by
   * the site or belt it is about. */
  {
    HdRectificationFilter filter = { filtered ? NULL : top, NULL, FALSE, FALSE };

    tasks = hd_store_list_rectifications (store, &filter, date, error);
  }
  if (tasks == NULL)
    return FALSE;
  for (guint i = 0, n = g_list_model_get_n_items (G_LIST_MODEL (tasks)); i < n; i++)
    {
      HdRectification *task = g_list_model_get_item (G_LIST_MODEL (tasks), i);
      const char *subject = hd_rectification_get_subject_id (task);
      GPtrArray *list = g_hash_table_lookup (tasks_by_subject, subject);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (tasks_by_subject, (gpointer) subject, list);
        }
      g_ptr_array_add (list, task);
    }

  fill_unanswered (self, store);
  out = arena_new (&self->arena, HdHandoutBelt, chosen->len);
  for (guint i = 0; i < chosen->len; i++)
    if (!fill_belt (self, store, &out[i], &g_array_index (chosen, BeltEntry, i), date, day,
                    site_lights, belt_lights, tasks_by_subject, error))
      return FALSE;
  self->doc.belts = out;
  self->doc.n_belts = chosen->len;
  return TRUE;
}

HdReport *
hd_report_new (HdStore            *store,
               const char         *plan_id,
               const GDate        *date,
               const char * const *region_ids,
               const char * const *belt_ids,
               GError            **error)
{
  g_autoptr(HdReport) self = NULL;
  g_autoptr(GPtrArray) progress = NULL;
  HdPlan *plan;
  HdRegion *region;
  HdHandoutYear *years;
  HdChartTarget *targets;
  g_autofree char *today = NULL;
  GDate day;

  g_return_val_if_fail (HD_IS_STORE (store), NULL);

  plan = lookup_plan (store, plan_id, error);
  if (plan == NULL)
    return NULL;
  day = date != NULL ? *date : hd_store_get_today (store);
  today = hd_date_to_string (&day);
  self = g_new0 (HdReport, 1);
  arena_init (&self->arena);

  progress = hd_store_get_plan_progress (store, plan_id, &day, error);
  if (progress == NULL)
    return NULL;
  region = hd_plan_get_region_id (plan) != NULL ? hd_store_lookup_region (store, hd_plan_get_region_id (plan)) : NULL;

  years = arena_new (&self->arena, HdHandoutYear, 3);
  for (int y = 0; y < 3; y++)
    years[y] = (HdHandoutYear) { hd_plan_get_first_year (plan) + y, arena_str (&self->arena, plan_theme (plan, y)) };
  targets = arena_new (&self->arena, HdChartTarget, progress->len);
  for (guint i = 0; i < progress->len; i++)
    fill_target (&self->arena, &targets[i], plan, g_ptr_array_index (progress, i), today);
  fill_dashboard (&self->arena, &self->dashboard, plan, progress, &day);

  self->doc = (HdHandout) {
    .title = arena_str (&self->arena, hd_plan_get_title (plan)),
    .region = region != NULL ? arena_str (&self->arena, hd_region_get_name (region)) : arena_str (&self->arena, _("Whole workspace")),
    .date = arena_str (&self->arena, today),
    .years = years,
    .n_years = 3,
    .current_year = g_date_get_year (&day),
    .dashboard = progress->len > 0 ? &self->dashboard : NULL,
    .indicators = targets,
    .n_indicators = progress->len,
  };
  if (!fill_regions (&self->arena, &self->regions, store, hd_plan_get_region_id (plan), &day, error))
    return NULL;
  if (self->regions.n_districts > 0)
    self->doc.regions = &self->regions;
  if (!fill_activity (&self->arena, &self->activity, store, plan, NULL, hd_plan_get_region_id (plan), &day, error))
    return NULL;
  self->doc.activity = &self->activity;
  if (!fill_belts (self, store, plan, &day, region_ids, belt_ids, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * hd_report_free:
 *
 * Frees the report and its handout.
 */
void
hd_report_free (HdReport *report)
{
  if (report == NULL)
    return;
  arena_clear (&report->arena);
  g_free (report);
}

const HdHandout *
hd_report_get_handout (HdReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return &report->doc;
}

HdHandoutSections
hd_report_parse_sections (const char  *text,
                          GError     **error)
{
  static const struct { const char *name; HdHandoutSections section; } names[] = {
    { "cover", HD_HANDOUT_COVER },
    { "toc", HD_HANDOUT_CONTENTS },
    { "dashboard", HD_HANDOUT_DASHBOARD },
    { "indicators", HD_HANDOUT_INDICATORS },
    { "regions", HD_HANDOUT_DISTRICTS },
    { "belts", HD_HANDOUT_BELTS },
  };
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  HdHandoutSections sections = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      gboolean known = FALSE;

      if (*part == '\0')
        continue;
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        if (g_str_equal (part, names[n].name))
          {
            sections |= names[n].section;
            known = TRUE;
          }
      if (!known)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("Unknown section “%s” (known: cover, toc, dashboard, indicators, regions, belts)"), part);
          return 0;
        }
    }
  if (sections == 0)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _("No sections given"));
  return sections;
}
