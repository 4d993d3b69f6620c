/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long the chart figures of a province take (hd-figures.h): 100 000 sites in 100 districts
 * of 10 cities, 10 000 belts of 10 sites, 100 000 finished six-haves inspections (10 000 sites
 * inspected twice, 10 000 never), 56 000 five-basics ones, 20 000 drafts and 1 000 000 answers. The rows are
 * generated with SQL in one transaction (setup is not what is measured).
 *
 * Each figure is measured against the naive way in the same run: a loop over the sites with a
 * few small queries per site (what a chart would do through the per-site API). The naive region
 * breakdown calls hd_store_compute_subject_light() per site and takes seconds, so it runs on the
 * first 10 000 sites and is scaled by 10 (said so in its line). Both ways must give the same
 * figures. Output lines read "name: value unit (target …)". */
#define G_LOG_DOMAIN "bench-figures"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hd-figures.h"
#include "hd-standards-private.h"
#include "hd-bench.h"

#define N_SITES        100000
#define NAIVE_SUBSET   10000
#define RUNS           5
#define TODAY          "2026-05-15"
#define SIX_HAVES      "2000091c-2e81-43ca-8216-a96c8512f9bb"
#define FIVE_BASICS    "18a91ddf-9b07-4781-bf35-94e21bf0904f"
#define PROVINCE       "region-province"

#define TARGET_MS        200.0
#define TARGET_VS_NAIVE  0.2

#define STAMP "'2026-01-01T00:00:00Z'"

/* Site x is in district x / 1000 (of city x / 10 000) and on belt x / 10; answers follow a fixed
 * pattern (4% not met, 9% partly, 4% n.a.) and the summaries are computed from them. */
static void
generate (sqlite3 *db)
{
  hd_bench_exec_or_die (db, "BEGIN");
  hd_bench_exec_or_die (db, "INSERT INTO region (id, name, level, created, modified)"
                   " VALUES ('" PROVINCE "', '福建省', 'province', " STAMP ", " STAMP ")");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 9)
    "INSERT INTO region (id, parent_id, name, level, code, created, modified)"
    " SELECT printf ('city-%02d', x), '" PROVINCE "', '市' || x, 'city', printf ('35%02d00', x + 1),"
    " " STAMP ", " STAMP " FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 99)
    "INSERT INTO region (id, parent_id, name, level, code, created, modified)"
    " SELECT printf ('district-%03d', x), printf ('city-%02d', x / 10), '区' || x, 'district',"
    " printf ('35%02d%02d', x / 10 + 1, x % 10 + 1), " STAMP ", " STAMP " FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 99999)
    "INSERT INTO site (id, pos_key, name, kind, region_id, created, modified)"
    " SELECT " HD_BENCH_SITE_ID ", x + 1, '示范点' || x, 'venue', printf ('district-%03d', x / 1000),"
    " " STAMP ", " STAMP " FROM n");
  /* Belts of 10 sites, except every tenth, which has 7: not "full". */
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 9999)
    "INSERT INTO belt (id, name, region_id, created, modified)"
    " SELECT printf ('belt-%05d', x), '示范带' || x, printf ('district-%03d', x / 100),"
    " " STAMP ", " STAMP " FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 99999)
    "INSERT INTO belt_site (belt_id, site_id, position)"
    " SELECT printf ('belt-%05d', x / 10), " HD_BENCH_SITE_ID ", x % 10 FROM n"
    " WHERE (x / 10) % 10 <> 0 OR x % 10 < 7");
  /* The latest inspection of sites 0..89 999, within the last year; an older one for
   * 80 000..89 999; drafts. */
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 89999)
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, created, modified, finished)"
    " SELECT printf ('f%07d', x), " HD_BENCH_SITE_ID ", '" SIX_HAVES "', '督导组',"
    " date ('" TODAY "', printf ('-%d days', x % 365)), 'finished', " STAMP ", " STAMP ","
    " date ('" TODAY "', printf ('-%d days', x % 365)) || 'T08:00:00.000000Z' FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (80000, 89999)
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, created, modified, finished)"
    " SELECT printf ('g%07d', x), " HD_BENCH_SITE_ID ", '" SIX_HAVES "', '督导组',"
    " date ('" TODAY "', printf ('-%d days', x % 365 + 100)), 'finished', " STAMP ", " STAMP ","
    " date ('" TODAY "', printf ('-%d days', x % 365 + 100)) || 'T08:00:00.000000Z' FROM n");
  /* Five basics for sites 0..55 999, the month before. */
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 55999)
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, created, modified, finished)"
    " SELECT printf ('b%07d', x), " HD_BENCH_SITE_ID ", '" FIVE_BASICS "', '督导组',"
    " date ('" TODAY "', printf ('-%d days', x % 365 + 30)), 'finished', " STAMP ", " STAMP ","
    " date ('" TODAY "', printf ('-%d days', x % 365 + 30)) || 'T09:00:00.000000Z' FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 19999)
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, created, modified)"
    " SELECT printf ('d%07d', x), " HD_BENCH_SITE_ID ", '" SIX_HAVES "', '督导组',"
    " '2026-05-14', 'draft', " STAMP ", " STAMP " FROM n");
  hd_bench_exec_or_die (db,
    "INSERT INTO inspection_result (inspection_id, item_id, answer, modified)"
    " SELECT i.id, it.id, CASE (i.rowid * 7919 + it.position * 104729) % 23"
    "   WHEN 0 THEN 'not_met' WHEN 1 THEN 'partly' WHEN 2 THEN 'partly' WHEN 3 THEN 'na' ELSE 'met' END,"
    "   " STAMP
    " FROM inspection i JOIN standard_item it ON it.set_id = i.set_id");
  hd_bench_exec_or_die (db,
    "UPDATE inspection SET"
    " n_met = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'met'),"
    " n_partly = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'partly'),"
    " n_not_met = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'not_met'),"
    " n_na = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'na')"
    " WHERE state = 'finished'");
  hd_bench_exec_or_die (db,
    "UPDATE inspection SET"
    " score = CASE WHEN n_met + n_partly + n_not_met > 0"
    "   THEN 100.0 * (n_met + 0.5 * n_partly) / (n_met + n_partly + n_not_met) END,"
    " light = CASE WHEN n_met + n_partly + n_not_met > 0"
    "   AND 100.0 * (n_met + 0.5 * n_partly) / (n_met + n_partly + n_not_met) < 60 THEN 'red'"
    "   WHEN n_partly + n_not_met > 0 THEN 'yellow' ELSE 'green' END"
    " WHERE state = 'finished'");
  hd_bench_exec_or_die (db,
    "INSERT INTO rectification (id, inspection_id, item_id, site_id, list, description,"
    " due_date, state, created, modified)"
    " SELECT i.id || '-' || r.item_id, i.id, r.item_id, i.site_id, 'problem', '整改',"
    " date (i.date, '+30 days'), CASE WHEN i.rowid % 3 = 0 THEN 'done' ELSE 'open' END, " STAMP ", " STAMP
    " FROM inspection i JOIN inspection_result r ON r.inspection_id = i.id"
    " WHERE i.state = 'finished' AND r.answer = 'not_met'");
  hd_bench_exec_or_die (db, "COMMIT");
}

static gint64
count (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s\n%s", sqlite3_errmsg (db), sql);
  return stmt;
}

/* The site ids in id order, the first @limit (0: all). */
static GPtrArray *
site_ids (sqlite3 *db,
          guint    limit)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare (db, "SELECT id FROM site ORDER BY id");

  while (sqlite3_step (stmt) == SQLITE_ROW && (limit == 0 || ids->len < limit))
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return ids;
}

/* ---------------------------------------------------------------------------------------- */
/* The naive ways                                                                           */

/* Per site: its region's city (one query per step up), its light (hd_store_compute_subject_light,
 * three queries) and its latest six-haves inspection's tallies (one query). Per city: compliant
 * sites and sites by light, added into @figures (indexed by city number). */
static void
naive_breakdown (HdStore         *store,
                 GPtrArray       *ids,
                 const GDate     *today,
                 HdRegionFigures *figures)
{
  sqlite3 *db = hd_store_get_db (store);
  sqlite3_stmt *region = prepare (db, "SELECT region_id FROM site WHERE id = ?1");
  sqlite3_stmt *parent = prepare (db, "SELECT parent_id FROM region WHERE id = ?1");
  sqlite3_stmt *latest = prepare (db,
    "SELECT n_partly + n_not_met + red_lines_hit = 0 AND score IS NOT NULL FROM inspection"
    " WHERE site_id = ?1 AND state = 'finished' AND date <= ?2"
    " AND set_id IN (SELECT id FROM standard_set WHERE code = 'six_haves')"
    " ORDER BY date DESC, finished DESC LIMIT 1");
  g_autofree char *today_text = hd_date_to_string (today);

  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *at = NULL;
      g_autofree char *city = NULL;
      HdLight light;
      int compliant = 0;

      sqlite3_bind_text (region, 1, id, -1, SQLITE_STATIC);
      if (sqlite3_step (region) == SQLITE_ROW)
        at = g_strdup ((const char *) sqlite3_column_text (region, 0));
      sqlite3_reset (region);
      /* Up to the child of the province. */
      while (at != NULL && !g_str_equal (at, PROVINCE))
        {
          g_autofree char *up = NULL;

          sqlite3_bind_text (parent, 1, at, -1, SQLITE_STATIC);
          if (sqlite3_step (parent) == SQLITE_ROW && sqlite3_column_type (parent, 0) != SQLITE_NULL)
            up = g_strdup ((const char *) sqlite3_column_text (parent, 0));
          sqlite3_reset (parent);
          if (g_strcmp0 (up, PROVINCE) == 0)
            {
              city = g_steal_pointer (&at);
              break;
            }
          g_free (at);
          at = g_steal_pointer (&up);
        }
      light = hd_store_compute_subject_light (store, id, today, NULL, NULL);
      sqlite3_bind_text (latest, 1, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (latest, 2, today_text, -1, SQLITE_STATIC);
      if (sqlite3_step (latest) == SQLITE_ROW)
        compliant = sqlite3_column_int (latest, 0);
      sqlite3_reset (latest);
      if (city != NULL)
        {
          HdRegionFigures *row = &figures[atoi (city + strlen ("city-"))];

          row->n_sites++;
          row->n_sites_by_light[light]++;
          row->n_compliant += compliant != 0;
        }
    }
  sqlite3_finalize (region);
  sqlite3_finalize (parent);
  sqlite3_finalize (latest);
}

/* Per site: the id of its latest six-haves inspection, then that inspection's answers. Returns
 * how many cells are answered. */
static guint64
naive_matrix (sqlite3     *db,
              GPtrArray   *ids,
              const GDate *today)
{
  sqlite3_stmt *latest = prepare (db,
    "SELECT id FROM inspection WHERE site_id = ?1 AND state = 'finished' AND date <= ?2"
    " AND set_id IN (SELECT id FROM standard_set WHERE code = 'six_haves')"
    " ORDER BY date DESC, finished DESC LIMIT 1");
  sqlite3_stmt *answers = prepare (db,
    "SELECT it.code, r.answer FROM inspection_result r JOIN standard_item it ON it.id = r.item_id"
    " WHERE r.inspection_id = ?1");
  g_autofree char *today_text = hd_date_to_string (today);
  guint64 answered = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *inspection = NULL;

      sqlite3_bind_text (latest, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (latest, 2, today_text, -1, SQLITE_STATIC);
      if (sqlite3_step (latest) == SQLITE_ROW)
        inspection = g_strdup ((const char *) sqlite3_column_text (latest, 0));
      sqlite3_reset (latest);
      if (inspection == NULL)
        continue;
      sqlite3_bind_text (answers, 1, inspection, -1, SQLITE_STATIC);
      while (sqlite3_step (answers) == SQLITE_ROW)
        answered++;
      sqlite3_reset (answers);
    }
  sqlite3_finalize (latest);
  sqlite3_finalize (answers);
  return answered;
}

/* Per site: the dates of its finished inspections in the range, counted per month. */
static guint64
naive_activity (sqlite3    *db,
                GPtrArray  *ids,
                const char *first,
                const char *last,
                guint      *totals,
                guint       n_months,
                guint       first_index)
{
  sqlite3_stmt *dates = prepare (db,
    "SELECT date FROM inspection WHERE site_id = ?1 AND state = 'finished' AND date BETWEEN ?2 AND ?3");
  guint64 n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_text (dates, 1, g_ptr_array_index (ids, i), -1, SQLITE_STATIC);
      sqlite3_bind_text (dates, 2, first, -1, SQLITE_STATIC);
      sqlite3_bind_text (dates, 3, last, -1, SQLITE_STATIC);
      while (sqlite3_step (dates) == SQLITE_ROW)
        {
          const char *date = (const char *) sqlite3_column_text (dates, 0);
          guint index = (guint) atoi (date) * 12 + (guint) atoi (date + 5) - 1 - first_index;

          if (index < n_months)
            totals[index]++;
          n++;
        }
      sqlite3_reset (dates);
    }
  sqlite3_finalize (dates);
  return n;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static gint64 wall_start;
static double cpu_start;

static void
clock_start (void)
{
  wall_start = g_get_monotonic_time ();
  cpu_start = hd_bench_cpu_ms ();
}

/* CPU ms since clock_start(); the wall ms in @wall (nullable). */
static double
clock_stop (double *wall)
{
  if (wall != NULL)
    *wall = (double) (g_get_monotonic_time () - wall_start) / 1000.0;
  return hd_bench_cpu_ms () - cpu_start;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hongdai-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdRegionBreakdown) breakdown = NULL;
  g_autoptr(HdStandardsMatrix) matrix = NULL;
  g_autoptr(HdInspectionActivity) activity = NULL;
  g_autoptr(GPtrArray) all_ids = NULL;
  g_autoptr(GPtrArray) subset = NULL;
  double ours_ms[RUNS], matrix_ms[RUNS], belt_matrix_ms[RUNS], activity_ms[RUNS];
  double naive_breakdown_ms, naive_matrix_ms, naive_activity_ms;
  double wall_ms[3][RUNS], city_matrix_ms[RUNS], lights_ms[RUNS];
  GDate today;
  sqlite3 *db;
  gint64 start;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "province.db", NULL);
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (!hd_date_parse (TODAY, &today))
    g_error ("bad TODAY");

  start = g_get_monotonic_time ();
  generate (hd_store_get_db (store));
  db = hd_store_get_db (store);
  fprintf (stderr, "# generated in %.1f s: %" G_GINT64_FORMAT " sites, %" G_GINT64_FORMAT " belts, %"
           G_GINT64_FORMAT " finished inspections, %" G_GINT64_FORMAT " answers\n",
           (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC,
           count (db, "SELECT count(*) FROM site"), count (db, "SELECT count(*) FROM belt"),
           count (db, "SELECT count(*) FROM inspection WHERE state = 'finished'"),
           count (db, "SELECT count(*) FROM inspection_result"));

  /* Measured as a user has it: reopened from disk (closing checkpoints the WAL). */
  g_clear_object (&store);
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  db = hd_store_get_db (store);
  all_ids = site_ids (db, 0);
  subset = site_ids (db, NAIVE_SUBSET);

  /* 1. By region: the province's ten cities, each rolling up ten districts. */
  for (guint run = 0; run < RUNS; run++)
    {
      g_clear_pointer (&breakdown, hd_region_breakdown_free);
      clock_start ();
      breakdown = hd_store_compute_region_breakdown (store, PROVINCE, &today, &error);
      ours_ms[run] = clock_stop (&wall_ms[0][run]);
      if (breakdown == NULL)
        g_error ("%s", error->message);
    }
  {
    HdRegionFigures naive[10] = { 0 };

    clock_start ();
    naive_breakdown (store, subset, &today, naive);
    naive_breakdown_ms = clock_stop (NULL) * ((double) N_SITES / NAIVE_SUBSET);
    /* The subset is the first 10 000 sites by id: all of city 0. */
    if (breakdown->n_rows != 10 || breakdown->rows[0].n_sites != naive[0].n_sites ||
        breakdown->rows[0].n_compliant != naive[0].n_compliant)
      g_error ("breakdown differs: %u sites / %u compliant, naive %u / %u", breakdown->rows[0].n_sites,
               breakdown->rows[0].n_compliant, naive[0].n_sites, naive[0].n_compliant);
    for (guint l = 0; l < HD_N_LIGHTS; l++)
      if (breakdown->rows[0].n_sites_by_light[l] != naive[0].n_sites_by_light[l])
        g_error ("light %u: %u sites, naive %u", l, breakdown->rows[0].n_sites_by_light[l],
                 naive[0].n_sites_by_light[l]);
    fprintf (stderr, "# province: %u belts (%u full), %u sites, green %u, yellow %u, red %u, grey %u,"
             " compliance %.1f%%\n", breakdown->total.n_belts, breakdown->total.n_belts_full,
             breakdown->total.n_sites, breakdown->total.n_sites_by_light[HD_LIGHT_GREEN],
             breakdown->total.n_sites_by_light[HD_LIGHT_YELLOW], breakdown->total.n_sites_by_light[HD_LIGHT_RED],
             breakdown->total.n_sites_by_light[HD_LIGHT_GREY], breakdown->total.compliance * 100);
  }

  /* 2. The standards matrix of the whole province (100 000 rows), and of one belt. */
  for (guint run = 0; run < RUNS; run++)
    {
      g_clear_pointer (&matrix, hd_standards_matrix_free);
      clock_start ();
      matrix = hd_store_compute_standards_matrix (store, NULL, PROVINCE, NULL, &today, &error);
      matrix_ms[run] = clock_stop (&wall_ms[1][run]);
      if (matrix == NULL)
        g_error ("%s", error->message);
    }
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(HdStandardsMatrix) one = NULL;

      clock_start ();
      one = hd_store_compute_standards_matrix (store, "belt-04321", NULL, NULL, &today, &error);
      belt_matrix_ms[run] = clock_stop (NULL);
      if (one == NULL || one->n_rows != 10)
        g_error ("belt matrix: %s", error ? error->message : "wrong rows");
    }
  /* A city's matrix (10 000 rows): the most a heatmap can show. */
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(HdStandardsMatrix) city = NULL;

      clock_start ();
      city = hd_store_compute_standards_matrix (store, NULL, "city-03", NULL, &today, &error);
      city_matrix_ms[run] = clock_stop (NULL);
      if (city == NULL || city->n_rows != N_SITES / 10)
        g_error ("city matrix: %s", error ? error->message : "wrong rows");
    }
  /* What the breakdown's lights cost on their own (hd_store_compute_lights, sites only). */
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GHashTable) lights = NULL;

      clock_start ();
      if (!hd_store_compute_lights (store, &today, &lights, NULL, &error))
        g_error ("%s", error->message);
      lights_ms[run] = clock_stop (NULL);
    }
  {
    guint64 answered = 0, naive_answered;

    clock_start ();
    naive_answered = naive_matrix (db, all_ids, &today);
    naive_matrix_ms = clock_stop (NULL);
    for (gsize c = 0; c < (gsize) matrix->n_rows * matrix->n_columns; c++)
      answered += matrix->cells[c] != HD_ANSWER_NONE;
    if (matrix->n_rows != N_SITES || answered != naive_answered)
      g_error ("matrix: %u rows, %" G_GUINT64_FORMAT " answered; naive %" G_GUINT64_FORMAT,
               matrix->n_rows, answered, naive_answered);
  }

  /* 3. Activity over the last 12 months, per set. */
  for (guint run = 0; run < RUNS; run++)
    {
      g_clear_pointer (&activity, hd_inspection_activity_free);
      clock_start ();
      activity = hd_store_compute_inspection_activity (store, NULL, PROVINCE, 12, TRUE, &today, &error);
      activity_ms[run] = clock_stop (&wall_ms[2][run]);
      if (activity == NULL)
        g_error ("%s", error->message);
    }
  {
    guint totals[12] = { 0 };
    guint first_index = activity->years[0] * 12 + activity->months[0] - 1;
    g_autofree char *first = g_strdup_printf ("%04u-%02u-01", activity->years[0], activity->months[0]);

    clock_start ();
    naive_activity (db, all_ids, first, TODAY, totals, 12, first_index);
    naive_activity_ms = clock_stop (NULL);
    for (guint m = 0; m < 12; m++)
      if (totals[m] != activity->totals[m])
        g_error ("activity month %u: %u, naive %u", m, activity->totals[m], totals[m]);
  }

  {
    double breakdown_median = hd_bench_median (ours_ms, RUNS);
    double matrix_median = hd_bench_median (matrix_ms, RUNS);
    double activity_median = hd_bench_median (activity_ms, RUNS);

    fprintf (stderr, "# CPU ms, naive: breakdown %.0f (10k sites x 10), matrix %.0f, activity %.0f\n",
             naive_breakdown_ms, naive_matrix_ms, naive_activity_ms);
    fprintf (stderr, "# wall ms, median of %d: breakdown %.0f, matrix %.0f, activity %.0f\n", RUNS,
             hd_bench_median (wall_ms[0], RUNS), hd_bench_median (wall_ms[1], RUNS), hd_bench_median (wall_ms[2], RUNS));
    fprintf (stderr, "# of the breakdown, the lights of 100k sites alone: %.0f CPU ms\n", hd_bench_median (lights_ms, RUNS));
    hd_bench_report ("figures.regions_100k", breakdown_median, "ms", "%.1f", FALSE, TARGET_MS);
    hd_bench_report ("figures.regions_vs_naive", breakdown_median / naive_breakdown_ms, "x", "%.3f", FALSE, TARGET_VS_NAIVE);
    hd_bench_report ("figures.matrix_100k", matrix_median, "ms", "%.1f", FALSE, TARGET_MS);
    hd_bench_report ("figures.matrix_vs_naive", matrix_median / naive_matrix_ms, "x", "%.3f", FALSE, TARGET_VS_NAIVE);
    hd_bench_report ("figures.matrix_city_10k", hd_bench_median (city_matrix_ms, RUNS), "ms", "%.1f", FALSE, TARGET_MS);
    hd_bench_report ("figures.matrix_belt", hd_bench_median (belt_matrix_ms, RUNS), "ms", "%.2f", FALSE, 5.0);
    hd_bench_report ("figures.activity_100k", activity_median, "ms", "%.1f", FALSE, TARGET_MS);
    hd_bench_report ("figures.activity_vs_naive", activity_median / naive_activity_ms, "x", "%.3f", FALSE, TARGET_VS_NAIVE);
  }

  g_clear_object (&store);
  /* HD_BENCH_KEEP=1 leaves the database for a look at the query plans. */
  if (g_getenv ("HD_BENCH_KEEP") != NULL)
    fprintf (stderr, "# kept %s\n", path);
  else
    remove_tree (dir);
  return hd_bench_exit_status ();
}
