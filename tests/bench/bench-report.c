/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The charts and the handout filled from a store (hd-report.h), as the CLI and the app make them
 * (tests/bench/run charts): a workspace of 100 000 sites in 100 districts of 10 cities, 10 000
 * belts of 10 sites, 90 000 finished six-haves inspections with their answers and the
 * rectifications of what was not met; one street of 20 belts has a plan with every computed
 * indicator and a year of monthly snapshots. Rows are generated with SQL (setup is not measured).
 *
 * Measured separately, as CPU time of this thread (the machine is shared): the by-region figures
 * of the province (a row per city) and drawing that chart at 800×400; filling the 20-belt
 * handout and writing it as a PDF with the base map. The naive fill of the by-region chart (one
 * breakdown per city instead of one for the province) runs in the same run for the ratio. */
#define G_LOG_DOMAIN "bench-report"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hd-figures.h"
#include "hd-plan-progress.h"
#include "hd-report.h"
#include "hd-store-private.h"

#define RUNS          5
#define DRAW_ROUNDS   200
#define TODAY         "2026-05-15"
#define PROVINCE      "region-province"
#define STREET        "region-street"
#define WIDTH         800
#define HEIGHT        400

/* The figures are recomputed when the store changes while the plan page is shown. */
#define TARGET_FIGURES_MS  500.0
#define TARGET_DRAW_MS     5.0
#define TARGET_HANDOUT_S   3.0
#define TARGET_VS_NAIVE    1.0

#define SITE_ID "printf ('%08x-5173-4e11-8a00-%012x', x, x)"
#define SERIES(from, to) \
  "WITH RECURSIVE n (x) AS (SELECT " #from " UNION ALL SELECT x + 1 FROM n WHERE x < " #to ") "
#define STAMP "'2024-01-01T00:00:00Z'"
#define SIX_HAVES "(SELECT id FROM standard_set WHERE code = 'six_haves' ORDER BY version DESC LIMIT 1)"

static gboolean all_met = TRUE;

static void
report (const char *name,
        double      value,
        const char *unit,
        const char *format,
        gboolean    higher_is_better,
        double      target)
{
  gboolean met = higher_is_better ? value >= target : value <= target;
  char value_text[G_ASCII_DTOSTR_BUF_SIZE];
  char target_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (value_text, sizeof value_text, format, value);
  g_ascii_formatd (target_text, sizeof target_text, "%g", target);
  printf ("%s: %s%s%s (target %s %s%s%s)%s\n",
          name, value_text, g_str_equal (unit, "x") ? "" : " ", unit,
          higher_is_better ? "≥" : "≤", target_text, g_str_equal (unit, "x") ? "" : " ", unit,
          met ? "" : "  MISSED");
  fflush (stdout);
  if (!met)
    all_met = FALSE;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Site x is in district x / 1000 (of city x / 10 000), on belt x / 10, at a position along its
 * district's line; belts 0..19 and their sites are in the street under district 0. */
static void
generate (sqlite3 *db)
{
  exec_or_die (db, "BEGIN");
  exec_or_die (db, "INSERT INTO region (id, name, level, created, modified)"
                   " VALUES ('" PROVINCE "', '福建省', 'province', " STAMP ", " STAMP ")");
  exec_or_die (db,
    SERIES (0, 9)
    "INSERT INTO region (id, parent_id, name, level, code, created, modified)"
    " SELECT printf ('city-%02d', x), '" PROVINCE "', '市' || x, 'city', printf ('35%02d00', x + 1),"
    " " STAMP ", " STAMP " FROM n");
  exec_or_die (db,
    SERIES (0, 99)
    "INSERT INTO region (id, parent_id, name, level, code, created, modified)"
    " SELECT printf ('district-%03d', x), printf ('city-%02d', x / 10), '区' || x, 'district',"
    " printf ('35%02d%02d', x / 10 + 1, x % 10 + 1), " STAMP ", " STAMP " FROM n");
  exec_or_die (db, "INSERT INTO region (id, parent_id, name, level, created, modified)"
                   " VALUES ('" STREET "', 'district-000', '示范街道', 'town', " STAMP ", " STAMP ")");
  exec_or_die (db,
    SERIES (0, 99999)
    "INSERT INTO site (id, pos_key, name, kind, region_id, lat, lon, created, modified)"
    " SELECT " SITE_ID ", x + 1, '示范点' || x, 'venue',"
    " CASE WHEN x < 200 THEN '" STREET "' ELSE printf ('district-%03d', x / 1000) END,"
    " 26.0 + (x % 1000) * 0.0004 + (x % 10) * 0.0001, 119.0 + (x / 1000) * 0.01 + (x % 10) * 0.0008,"
    " " STAMP ", " STAMP " FROM n");
  exec_or_die (db,
    SERIES (0, 9999)
    "INSERT INTO belt (id, name, region_id, brand, created, modified)"
    " SELECT printf ('belt-%05d', x), '示范带' || x,"
    " CASE WHEN x < 20 THEN '" STREET "' ELSE printf ('district-%03d', x / 100) END, '连点成线',"
    " " STAMP ", " STAMP " FROM n");
  exec_or_die (db,
    SERIES (0, 99999)
    "INSERT INTO belt_site (belt_id, site_id, position)"
    " SELECT printf ('belt-%05d', x / 10), " SITE_ID ", x % 10 FROM n");
  exec_or_die (db,
    SERIES (0, 89999)
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, created, modified, finished)"
    " SELECT printf ('f%07d', x), " SITE_ID ", " SIX_HAVES ", '督导组',"
    " date ('" TODAY "', printf ('-%d days', x % 365)), 'finished', " STAMP ", " STAMP ","
    " date ('" TODAY "', printf ('-%d days', x % 365)) || 'T08:00:00.000000Z' FROM n");
  exec_or_die (db,
    "INSERT INTO inspection_result (inspection_id, item_id, answer, modified)"
    " SELECT i.id, it.id, CASE (i.rowid * 7919 + it.position * 104729) % 23"
    "   WHEN 0 THEN 'not_met' WHEN 1 THEN 'partly' WHEN 2 THEN 'partly' WHEN 3 THEN 'na' ELSE 'met' END,"
    "   " STAMP
    " FROM inspection i JOIN standard_item it ON it.set_id = i.set_id");
  exec_or_die (db,
    "UPDATE inspection SET"
    " n_met = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'met'),"
    " n_partly = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'partly'),"
    " n_not_met = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'not_met'),"
    " n_na = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'na')");
  exec_or_die (db,
    "UPDATE inspection SET"
    " score = CASE WHEN n_met + n_partly + n_not_met > 0"
    "   THEN 100.0 * (n_met + 0.5 * n_partly) / (n_met + n_partly + n_not_met) END,"
    " light = CASE WHEN n_met + n_partly + n_not_met > 0"
    "   AND 100.0 * (n_met + 0.5 * n_partly) / (n_met + n_partly + n_not_met) < 60 THEN 'red'"
    "   WHEN n_partly + n_not_met > 0 THEN 'yellow' ELSE 'green' END");
  exec_or_die (db,
    "INSERT INTO rectification (id, inspection_id, item_id, site_id, list, description,"
    " due_date, state, created, modified)"
    " SELECT i.id || '-' || r.item_id, i.id, r.item_id, i.site_id, 'problem', '制度未上墙，需整改',"
    " date (i.date, '+30 days'), CASE WHEN i.rowid % 3 = 0 THEN 'done' ELSE 'open' END, " STAMP ", " STAMP
    " FROM inspection i JOIN inspection_result r ON r.inspection_id = i.id"
    " WHERE r.answer = 'not_met'");
  exec_or_die (db, "COMMIT");
}

/* A plan for the street: every computed indicator, a year of monthly snapshots. */
static char *
make_plan (HdStore *store)
{
  g_autoptr(HdPlan) plan = hd_plan_new ();
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  hd_plan_set_title (plan, "示范街道党建示范带三年行动计划（2025—2027年）");
  hd_plan_set_region_id (plan, STREET);
  hd_plan_set_first_year (plan, 2025);
  hd_plan_set_theme1 (plan, "规范化建设");
  hd_plan_set_theme2 (plan, "组织力提升");
  hd_plan_set_theme3 (plan, "全面进步全面过硬");
  for (guint k = 0; k < HD_N_COMPUTED_INDICATORS; k++)
    {
      HdIndicator *indicator = hd_indicator_new ();

      hd_indicator_set_name (indicator, hd_computed_indicator_label ((HdComputedIndicator) k));
      hd_indicator_set_unit (indicator, hd_computed_indicator_unit ((HdComputedIndicator) k));
      hd_indicator_set_computed_key (indicator, hd_computed_indicator_to_string ((HdComputedIndicator) k));
      hd_indicator_set_higher_is_better (indicator, hd_computed_indicator_higher_is_better ((HdComputedIndicator) k));
      for (int y = 0; y < 3; y++)
        hd_indicator_set_target (indicator, y, 10.0 * (y + 1));
      g_ptr_array_add (indicators, indicator);
    }
  if (!hd_store_save_plan_with_indicators (store, plan, indicators, &error))
    g_error ("%s", error->message);
  for (int m = 0; m < 12; m++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 28, (GDateMonth) (m + 1), 2025);
      if (hd_store_snapshot_plan (store, hd_plan_get_id (plan), &date, &error) < 0)
        g_error ("%s", error->message);
    }
  return g_strdup (hd_plan_get_id (plan));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hongdai-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *plan_id = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdReportChart) regions = NULL;
  double figures[RUNS], naive[RUNS], draws[DRAW_ROUNDS];
  HdReportQuery query = { NULL, NULL, PROVINCE, NULL };
  GDate today;
  gint64 start;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "province.db", NULL);
  pdf = g_build_filename (dir, "handout.pdf", NULL);
  if (!hd_date_parse (TODAY, &today))
    g_error ("bad TODAY");
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  generate (hd_store_get_db (store));
  /* Measured as a user has it: reopened from disk. */
  g_clear_object (&store);
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  plan_id = make_plan (store);
  fprintf (stderr, "# generated in %.1f s\n", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);

  /* 1. The by-region chart of the province: figures, then drawing. */
  for (guint run = 0; run < RUNS; run++)
    {
      double t = cpu_ms ();

      g_clear_pointer (&regions, hd_report_chart_free);
      regions = hd_report_chart_new (store, HD_CHART_REGIONS, &query, &today, &error);
      if (regions == NULL)
        g_error ("%s", error->message);
      figures[run] = cpu_ms () - t;
    }
  /* The naive fill: a breakdown per city, each row taken from its own. */
  for (guint run = 0; run < RUNS; run++)
    {
      double t = cpu_ms ();
      guint sites = 0;

      for (guint c = 0; c < 10; c++)
        {
          g_autofree char *city = g_strdup_printf ("city-%02d", c);
          g_autoptr(HdRegionBreakdown) one = hd_store_compute_region_breakdown (store, city, &today, &error);

          if (one == NULL)
            g_error ("%s", error->message);
          sites += one->total.n_sites;
        }
      naive[run] = cpu_ms () - t;
      g_assert_cmpuint (sites, ==, 100000);
    }
  qsort (figures, RUNS, sizeof (double), compare_doubles);
  qsort (naive, RUNS, sizeof (double), compare_doubles);
  g_assert_cmpuint (regions->data.regions.n_districts, ==, 10);
  g_printerr ("# by-region figures of 100 000 sites: %.1f ms; a breakdown per city %.1f ms\n",
              figures[RUNS / 2], naive[RUNS / 2]);
  report ("report.regions_figures_100k", figures[RUNS / 2], "ms", "%.1f", FALSE, TARGET_FIGURES_MS);
  report ("report.regions_figures_naive_vs_ours", naive[RUNS / 2] / figures[RUNS / 2], "x", "%.1f", TRUE,
          TARGET_VS_NAIVE);
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
    g_autoptr(HdChartLayout) layout = hd_chart_layout_new ();

    for (guint i = 0; i < DRAW_ROUNDS; i++)
      {
        cairo_t *cr = cairo_create (surface);
        double t = cpu_ms ();

        hd_chart_draw (HD_CHART_REGIONS, &regions->data, cr, WIDTH, HEIGHT, NULL, layout);
        cairo_surface_flush (surface);
        draws[i] = cpu_ms () - t;
        cairo_destroy (cr);
      }
    cairo_surface_destroy (surface);
    qsort (draws, DRAW_ROUNDS, sizeof (double), compare_doubles);
    report ("report.regions_draw_800x400_p50", draws[DRAW_ROUNDS / 2], "ms", "%.2f", FALSE, TARGET_DRAW_MS);
  }

  /* 2. The handout of the street's plan: 20 belts, filled from the store, then written. */
  {
    g_autoptr(HdReport) handout = NULL;
    g_autofree char *basemap_file = hd_basemap_find_file ();
    g_autoptr(HdBasemap) basemap = basemap_file != NULL ? hd_basemap_new_from_file (basemap_file, NULL) : NULL;
    HdHandoutOptions opts = { 0 };
    double fill_ms, write_ms, t;
    guint n_pages = 0;

    if (basemap == NULL)
      g_printerr ("# no base map: the belt maps show the land colour only\n");
    opts.basemap = basemap;
    t = cpu_ms ();
    handout = hd_report_new (store, plan_id, &today, NULL, NULL, &error);
    if (handout == NULL)
      g_error ("%s", error->message);
    fill_ms = cpu_ms () - t;
    g_assert_cmpuint (hd_report_get_handout (handout)->n_belts, ==, 20);
    t = cpu_ms ();
    if (!hd_handout_write_pdf (hd_report_get_handout (handout), &opts, pdf, &n_pages, &error))
      g_error ("%s", error->message);
    write_ms = cpu_ms () - t;
    g_printerr ("# handout: %u pages; filled from the store in %.0f ms, written in %.0f ms\n",
                n_pages, fill_ms, write_ms);
    report ("report.handout_20_belts_fill", fill_ms / 1e3, "s", "%.2f", FALSE, TARGET_HANDOUT_S);
    report ("report.handout_20_belts_total", (fill_ms + write_ms) / 1e3, "s", "%.2f", FALSE, TARGET_HANDOUT_S);
  }

  g_clear_object (&store);
  g_unlink (pdf);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
  return all_met ? 0 : 1;
}
