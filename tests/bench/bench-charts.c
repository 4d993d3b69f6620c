/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The charts and the handout from a synthetic 100k-site workspace (tests/bench/run charts).
 * Each chart is drawn at 800×400 on an image surface, as the widget and the PNG export do, from
 * structs aggregated from the sites; the handout is written for 20 belts. The aggregation the
 * integration step will do is timed too: one pass over the sites into per-district counts
 * against the naive scan of every site once per district.
 *
 * Chart times are this thread's CPU time: the machine is shared with other builds, and wall time
 * there measures them as much as the drawing (the wall-clock p50 is printed as a comment). */
#define G_LOG_DOMAIN "bench-charts"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "hd-chart.h"
#include "hd-handout.h"
#include "hd-bench.h"

#define N_SITES      100000
#define N_DISTRICTS  16
#define N_MONTHS     36
#define N_ROUNDS     200
#define N_HEAT_ROWS  200
#define N_BELTS      20
#define BELT_SITES   10
#define WIDTH        800
#define HEIGHT       400

#define TARGET_CHART_MS    5.0
#define TARGET_HANDOUT_S   3.0
#define TARGET_AGGREGATE   4.0

typedef struct {
  guint    district;
  HdLight  light;
  guint    belt;       /* 0: none */
  HdAnswer answers[6];
  int      month;      /* of the last inspection, 0..N_MONTHS-1; -1 none */
} Site;

/* Draws @kind N_ROUNDS times (hit regions recorded, as the widget does); prints p50 and p95. */
static void
time_chart (const char    *name,
            HdChartKind    kind,
            gconstpointer  data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autoptr(HdChartLayout) layout = hd_chart_layout_new ();
  double times[N_ROUNDS], wall[N_ROUNDS];
  g_autofree char *p50_name = g_strdup_printf ("charts.%s_p50", name);
  g_autofree char *p95_name = g_strdup_printf ("charts.%s_p95", name);

  for (guint i = 0; i < N_ROUNDS + 5; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start = g_get_monotonic_time ();
      double cpu = hd_bench_cpu_ms ();

      hd_chart_draw (kind, data, cr, WIDTH, HEIGHT, NULL, layout);
      cairo_surface_flush (surface);
      if (i >= 5)
        {
          times[i - 5] = hd_bench_cpu_ms () - cpu;
          wall[i - 5] = (g_get_monotonic_time () - start) / 1000.0;
        }
      cairo_destroy (cr);
    }
  qsort (times, N_ROUNDS, sizeof (double), hd_bench_compare_doubles);
  qsort (wall, N_ROUNDS, sizeof (double), hd_bench_compare_doubles);
  g_printerr ("# %s: wall-clock p50 %.2f ms, p95 %.2f ms\n", name, wall[N_ROUNDS / 2], wall[N_ROUNDS * 95 / 100]);
  hd_bench_report (p50_name, times[N_ROUNDS / 2], "ms", "%.2f", FALSE, TARGET_CHART_MS);
  hd_bench_report (p95_name, times[N_ROUNDS * 95 / 100], "ms", "%.2f", FALSE, TARGET_CHART_MS);
  cairo_surface_destroy (surface);
}

static void
aggregate_once (const Site      *sites,
                HdChartDistrict *districts)
{
  guint compliant[N_DISTRICTS] = { 0 }, total[N_DISTRICTS] = { 0 };

  for (guint d = 0; d < N_DISTRICTS; d++)
    memset (districts[d].sites, 0, sizeof districts[d].sites);
  for (guint i = 0; i < N_SITES; i++)
    {
      const Site *s = &sites[i];
      gboolean met = TRUE;

      districts[s->district].sites[s->light]++;
      for (guint c = 0; c < 6; c++)
        met &= s->answers[c] == HD_ANSWER_MET || s->answers[c] == HD_ANSWER_NA;
      compliant[s->district] += met;
      total[s->district]++;
    }
  for (guint d = 0; d < N_DISTRICTS; d++)
    districts[d].compliance = total[d] > 0 ? (double) compliant[d] / total[d] : NAN;
}

/* What a first version does: for each district, walk every site. */
static void
aggregate_naive (const Site      *sites,
                 HdChartDistrict *districts)
{
  for (guint d = 0; d < N_DISTRICTS; d++)
    {
      guint compliant = 0, total = 0;

      memset (districts[d].sites, 0, sizeof districts[d].sites);
      for (guint i = 0; i < N_SITES; i++)
        {
          gboolean met = TRUE;

          if (sites[i].district != d)
            continue;
          districts[d].sites[sites[i].light]++;
          for (guint c = 0; c < 6; c++)
            met &= sites[i].answers[c] == HD_ANSWER_MET || sites[i].answers[c] == HD_ANSWER_NA;
          compliant += met;
          total++;
        }
      districts[d].compliance = total > 0 ? (double) compliant / total : NAN;
    }
}

int
main (int   argc,
      char *argv[])
{
  static const char *district_names[N_DISTRICTS] = {
    "鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区", "闽侯县", "连江县", "罗源县", "闽清县",
    "永泰县", "平潭综合实验区", "福清市", "福州高新技术产业开发区", "福州经济技术开发区", "福州新区",
  };
  static const char *items[] = { "有场所", "有设施", "有标志", "有党旗", "有书报", "有制度" };
  g_autofree Site *sites = g_new0 (Site, N_SITES);
  GRand *rand = g_rand_new_with_seed (42);
  HdChartDistrict districts[N_DISTRICTS] = { 0 };
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  double naive_ms, once_ms;
  gint64 start;

  for (guint i = 0; i < N_SITES; i++)
    {
      sites[i].district = g_rand_int_range (rand, 0, N_DISTRICTS);
      sites[i].light = (HdLight) g_rand_int_range (rand, 0, HD_N_LIGHTS);
      sites[i].belt = g_rand_int_range (rand, 0, 5) == 0 ? 0 : g_rand_int_range (rand, 1, 10001);
      for (guint c = 0; c < 6; c++)
        sites[i].answers[c] = (HdAnswer) (g_rand_int_range (rand, 0, 4) == 0 ? g_rand_int_range (rand, 0, HD_N_ANSWERS)
                                                                                : HD_ANSWER_MET);
      sites[i].month = g_rand_int_range (rand, -1, N_MONTHS);
    }

  /* Aggregation: one pass against one pass per district. */
  for (guint d = 0; d < N_DISTRICTS; d++)
    districts[d].name = district_names[d];
  start = g_get_monotonic_time ();
  for (int r = 0; r < 5; r++)
    aggregate_naive (sites, districts);
  naive_ms = (g_get_monotonic_time () - start) / 5000.0;
  start = g_get_monotonic_time ();
  for (int r = 0; r < 5; r++)
    aggregate_once (sites, districts);
  once_ms = (g_get_monotonic_time () - start) / 5000.0;
  g_printerr ("# aggregate 100k sites: one pass %.2f ms, a pass per district %.2f ms\n", once_ms, naive_ms);
  hd_bench_report ("charts.aggregate_naive_vs_once", naive_ms / once_ms, "x", "%.1f", TRUE, TARGET_AGGREGATE);
  for (guint i = 0; i < N_SITES; i++)
    if (sites[i].belt != 0)
      districts[sites[i].district].belts[sites[i].light]++;   /* (site-weighted; fine for drawing) */

  /* 1. Target vs actual: monthly snapshots over three years. */
  {
    double targets[3] = { 3000, 6000, 10000 };
    HdChartPoint points[N_MONTHS];
    HdChartTarget target;

    for (guint m = 0; m < N_MONTHS; m++)
      g_ptr_array_add (strings, g_strdup_printf ("%d-%02d-01", 2018 + m / 12, m % 12 + 1));
    for (guint m = 0; m < N_MONTHS; m++)
      points[m] = (HdChartPoint) { g_ptr_array_index (strings, m), 280.0 * (m + 1) };
    target = (HdChartTarget) { "示范点数量", "个", 2018, 3, targets, points, N_MONTHS, "2020-06-15" };
    time_chart ("target", HD_CHART_TARGET, &target);
  }

  /* 2. Dashboard: ten indicators. */
  {
    HdChartIndicator indicators[10];
    HdChartDashboard dashboard;

    for (guint i = 0; i < G_N_ELEMENTS (indicators); i++)
      indicators[i] = (HdChartIndicator) { district_names[i], "个", 10.0 * i + 5, 100, (HdChartStatus) (i % 3 + 1) };
    dashboard = (HdChartDashboard) { "计划进度", "2019 · 组织力提升", indicators, G_N_ELEMENTS (indicators) };
    time_chart ("dashboard", HD_CHART_DASHBOARD, &dashboard);
  }

  /* 3. By region. */
  {
    HdChartRegions regions = { "各县（市）区示范点", HD_CHART_COUNT_SITES, districts, N_DISTRICTS };

    time_chart ("regions", HD_CHART_REGIONS, &regions);
  }

  /* 4. Heatmap: the first district's first 200 sites. */
  {
    const char *rows[N_HEAT_ROWS];
    HdAnswer cells[N_HEAT_ROWS * 6];
    guint n = 0;
    HdChartHeatmap heatmap;

    for (guint i = 0; i < N_SITES && n < N_HEAT_ROWS; i++)
      if (sites[i].district == 0)
        {
          char *name = g_strdup_printf ("鼓楼区示范点%06u", i);

          g_ptr_array_add (strings, name);
          rows[n] = name;
          memcpy (cells + n * 6, sites[i].answers, sizeof sites[i].answers);
          n++;
        }
    heatmap = (HdChartHeatmap) { "鼓楼区六有", rows, n, items, 6, cells, 0, 0 };
    time_chart ("heatmap_200", HD_CHART_HEATMAP, &heatmap);
  }

  /* 5. Activity: inspections per month. */
  {
    HdChartMonth months[N_MONTHS];
    HdChartActivity activity;

    for (guint m = 0; m < N_MONTHS; m++)
      months[m] = (HdChartMonth) { 2023 + (int) (m / 12), (int) (m % 12) + 1, 0 };
    for (guint i = 0; i < N_SITES; i++)
      if (sites[i].month >= 0)
        months[sites[i].month].count++;
    activity = (HdChartActivity) { "督导检查次数", months, N_MONTHS };
    time_chart ("activity_36", HD_CHART_ACTIVITY, &activity);
  }

  /* The handout for 20 belts of 10 sites, with the base map under each route. */
  {
    HdHandoutSite belt_sites[N_BELTS][BELT_SITES];
    HdHandoutCheck checks[N_BELTS][5];
    HdHandoutBelt belts[N_BELTS];
    HdHandoutRectification rect = { "示范点", "制度未上墙", "张三", "2026-01-01", TRUE };
    HdHandoutYear years[3] = { { 2018, "规范化建设" }, { 2019, "组织力提升" }, { 2020, "全面进步全面过硬" } };
    double targets[3] = { 4, 8, 12 };
    HdChartPoint points[2] = { { "2018-06-01", 2 }, { "2019-06-01", 7 } };
    HdChartTarget charts[8];
    HdChartIndicator indicators[8];
    HdChartDashboard dashboard = { "计划进度", NULL, indicators, 8 };
    HdChartRegions regions = { "各县（市）区示范点", HD_CHART_COUNT_SITES, districts, N_DISTRICTS };
    HdHandout doc;
    HdHandoutOptions opts = { 0 };
    g_autofree char *basemap_file = hd_basemap_find_file ();
    g_autoptr(GError) basemap_error = NULL;
    g_autoptr(HdBasemap) basemap = hd_basemap_new_from_file (basemap_file, &basemap_error);
    g_autofree char *dir = g_dir_make_tmp ("hongdai-bench-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "handout.pdf", NULL);
    g_autoptr(GError) error = NULL;
    guint n_pages = 0;
    double seconds;

    for (guint b = 0; b < N_BELTS; b++)
      {
        for (guint s = 0; s < BELT_SITES; s++)
          {
            char *name = g_strdup_printf ("第%u带示范点%u", b + 1, s + 1);

            g_ptr_array_add (strings, name);
            belt_sites[b][s] = (HdHandoutSite) { name, "活动阵地", 119.2 + b * 0.01 + s * 0.002, 26.0 + s * 0.001,
                                                 sites[b * BELT_SITES + s].light, sites[b * BELT_SITES + s].answers };
          }
        for (guint c = 0; c < 5; c++)
          checks[b][c] = (HdHandoutCheck) { items[c], (HdAnswer) ((b + c) % HD_N_ANSWERS) };
        {
          char *name = g_strdup_printf ("%s示范带%u", district_names[b % N_DISTRICTS], b + 1);

          g_ptr_array_add (strings, name);
          belts[b] = (HdHandoutBelt) { name, district_names[b % N_DISTRICTS], "连点成线", HD_LIGHT_GREEN,
                                       belt_sites[b], BELT_SITES, checks[b], 5, &rect, 1 };
        }
      }
    for (guint i = 0; i < 8; i++)
      {
        charts[i] = (HdChartTarget) { district_names[i], "个", 2018, 3, targets, points, 2, "2019-10-01" };
        indicators[i] = (HdChartIndicator) { district_names[i], "个", 5, 8, HD_CHART_STATUS_ON_TRACK };
      }
    doc = (HdHandout) { "福州市党建示范带三年行动计划", "福州市", "2019-10-01", years, 3, 2019, &dashboard,
                        charts, 8, &regions, NULL, items, 6, belts, N_BELTS };
    opts.basemap = basemap;
    if (basemap == NULL)
      g_printerr ("# no base map (%s): the belt maps show the land colour only\n", basemap_error->message);

    start = g_get_monotonic_time ();
    seconds = hd_bench_cpu_ms ();
    if (!hd_handout_write_pdf (&doc, &opts, path, &n_pages, &error))
      g_error ("%s", error->message);
    seconds = (hd_bench_cpu_ms () - seconds) / 1e3;
    g_printerr ("# handout: %u pages, wall-clock %.2f s\n", n_pages, (g_get_monotonic_time () - start) / 1e6);
    hd_bench_report ("charts.handout_20_belts", seconds, "s", "%.2f", FALSE, TARGET_HANDOUT_S);
    g_unlink (path);
    g_rmdir (dir);
  }

  g_rand_free (rand);
  return hd_bench_exit_status ();
}
