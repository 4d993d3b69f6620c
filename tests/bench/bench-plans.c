/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long a plan's computed indicators take for a province-sized workspace: 100 000 sites in
 * eleven districts (ten under the plan's city), 3 000 belts with 5–10 sites each, ~180 000
 * finished inspections with ~1 000 000 answers (six haves for 90 000 sites, some twice; five
 * basics for 80 000; five ones for 2 000 belts) and their rectification tasks. Rows are generated
 * with SQL in one transaction (setup is not what is measured).
 *
 * Measures hd_store_evaluate_indicator() for all eleven computed indicators at one date (one
 * set-based query each) against the naive way in the same run: a loop over every site and belt
 * with a few small queries per record, as code without the set-based queries would do. Both must
 * give the same values. Output lines read "name: value unit (target …)". */
#define G_LOG_DOMAIN "bench-plans"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hd-light.h"
#include "hd-plan-progress.h"
#include "hd-store-private.h"
#include "hd-bench.h"

#define RUNS       5
#define TODAY      "2026-05-15"
#define SIX_HAVES  "2000091c-2e81-43ca-8216-a96c8512f9bb"
#define FIVE_ONES  "c21a5409-85bb-415d-a0c6-f69226f60b45"
#define FIVE_BASICS "18a91ddf-9b07-4781-bf35-94e21bf0904f"

#define TARGET_ALL_MS    200.0
#define TARGET_VS_NAIVE  0.25


static void
generate (sqlite3 *db)
{
  hd_bench_exec_or_die (db, "BEGIN");
  hd_bench_exec_or_die (db,
    "INSERT INTO region (id, name, level, created, modified) VALUES"
    " ('r-city', '福州市', 'city', '2018-01-01T00:00:00Z', '2018-01-01T00:00:00Z'),"
    " ('r-other', '别市', 'city', '2018-01-01T00:00:00Z', '2018-01-01T00:00:00Z')");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 9)
    "INSERT INTO region (id, parent_id, name, level, created, modified)"
    " SELECT 'r-d' || x, 'r-city', '区' || x, 'district', '2018-01-01T00:00:00Z', '2018-01-01T00:00:00Z' FROM n");
  /* One site in eleven is outside the city; one in twenty is created after TODAY. */
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 99999)
    "INSERT INTO site (id, pos_key, name, kind, level, region_id, created, modified)"
    " SELECT " HD_BENCH_SITE_ID ", x + 1, '示范点' || x,"
    " CASE WHEN x % 50 = 0 THEN 'service_center' ELSE 'venue' END,"
    " CASE x % 10 WHEN 0 THEN 'city' WHEN 1 THEN 'county' WHEN 2 THEN 'county' END,"
    " CASE WHEN x % 11 = 10 THEN 'r-other' ELSE 'r-d' || (x % 11) END,"
    " CASE WHEN x % 20 = 7 THEN '2026-09-01T00:00:00Z' ELSE '2025-01-01T00:00:00Z' END,"
    " '2025-01-01T00:00:00Z' FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 2999)
    "INSERT INTO belt (id, name, region_id, created, modified)"
    " SELECT printf ('belt-%04d', x), '示范带' || x,"
    " CASE WHEN x % 11 = 10 THEN 'r-other' ELSE 'r-d' || (x % 11) END,"
    " CASE WHEN x % 30 = 3 THEN '2026-09-01T00:00:00Z' ELSE '2025-01-01T00:00:00Z' END,"
    " '2025-01-01T00:00:00Z' FROM n");
  /* Belt b gets sites b, b + 3000, …: 5 + b % 6 of them. */
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 29999)
    "INSERT INTO belt_site (belt_id, site_id, position)"
    " SELECT printf ('belt-%04d', x % 3000), " HD_BENCH_SITE_ID ", x / 3000 FROM n"
    " WHERE x < 3000 * (5 + (x % 3000) % 6)");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 89999)
    "INSERT INTO inspection (id, site_id, set_id, date, state, created, modified, finished)"
    " SELECT printf ('f%07d', x), " HD_BENCH_SITE_ID ", '" SIX_HAVES "',"
    " date ('" TODAY "', printf ('-%d days', x % 365)), 'finished', '2025-01-01T00:00:00Z',"
    " '2025-01-01T00:00:00Z', date ('" TODAY "', printf ('-%d days', x % 365)) || 'T08:00:00.000000Z' FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (80000, 89999)
    "INSERT INTO inspection (id, site_id, set_id, date, state, created, modified, finished)"
    " SELECT printf ('g%07d', x), " HD_BENCH_SITE_ID ", '" SIX_HAVES "',"
    " date ('" TODAY "', printf ('-%d days', x % 365 + 100)), 'finished', '2025-01-01T00:00:00Z',"
    " '2025-01-01T00:00:00Z', date ('" TODAY "', printf ('-%d days', x % 365 + 100)) || 'T08:00:00.000000Z' FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 79999)
    "INSERT INTO inspection (id, site_id, set_id, date, state, created, modified, finished)"
    " SELECT printf ('h%07d', x), " HD_BENCH_SITE_ID ", '" FIVE_BASICS "',"
    " date ('" TODAY "', printf ('-%d days', x % 200)), 'finished', '2025-01-01T00:00:00Z',"
    " '2025-01-01T00:00:00Z', date ('" TODAY "', printf ('-%d days', x % 200)) || 'T08:00:00.000000Z' FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 1999)
    "INSERT INTO inspection (id, belt_id, set_id, date, state, created, modified, finished)"
    " SELECT printf ('b%07d', x), printf ('belt-%04d', x), '" FIVE_ONES "',"
    " date ('" TODAY "', printf ('-%d days', x % 200)), 'finished', '2025-01-01T00:00:00Z',"
    " '2025-01-01T00:00:00Z', date ('" TODAY "', printf ('-%d days', x % 200)) || 'T08:00:00.000000Z' FROM n");
  hd_bench_exec_or_die (db,
    "INSERT INTO inspection_result (inspection_id, item_id, answer, modified)"
    " SELECT i.id, it.id, CASE (i.rowid * 7919 + it.position * 104729) % 31"
    "   WHEN 0 THEN 'not_met' WHEN 1 THEN 'partly' WHEN 3 THEN 'na' ELSE 'met' END,"
    "   '2025-01-01T00:00:00Z'"
    " FROM inspection i JOIN standard_item it ON it.set_id = i.set_id");
  hd_bench_exec_or_die (db,
    "UPDATE inspection SET"
    " n_met = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'met'),"
    " n_partly = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'partly'),"
    " n_not_met = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'not_met'),"
    " n_na = (SELECT count(*) FROM inspection_result r WHERE r.inspection_id = inspection.id AND r.answer = 'na')");
  /* Tasks for the items not met: a third done (closed a week later), due after 30 days. */
  hd_bench_exec_or_die (db,
    "INSERT INTO rectification (id, inspection_id, item_id, site_id, belt_id, list, description,"
    " due_date, state, closed_date, created, modified)"
    " SELECT i.id || '-' || r.item_id, i.id, r.item_id, i.site_id, i.belt_id, 'problem', '整改',"
    " date (i.date, '+30 days'), CASE WHEN i.rowid % 3 = 0 THEN 'done' ELSE 'open' END,"
    " CASE WHEN i.rowid % 3 = 0 THEN date (i.date, '+7 days') END,"
    " i.date || 'T09:00:00Z', i.date || 'T09:00:00Z'"
    " FROM inspection i JOIN inspection_result r ON r.inspection_id = i.id"
    " WHERE r.answer = 'not_met'");
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
prepare_or_die (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s\n%s", sqlite3_errmsg (db), sql);
  return stmt;
}

/* One small query for one record: an integer. */
static gint64
ask (sqlite3_stmt *stmt,
     const char   *id,
     const char   *day,
     const char   *quarter_start)
{
  gint64 n = 0;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, day, -1, SQLITE_STATIC);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_text (stmt, 3, quarter_start, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  return n;
}

/* The naive way: the city's regions in a hash table, then every site and belt read and asked
 * about one by one. */
static void
naive (sqlite3 *db,
       double   values[HD_N_COMPUTED_INDICATORS])
{
  const char *day = TODAY, *next_day = "2026-05-16", *quarter_start = "2026-04-01";
  g_autoptr(GHashTable) regions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *rows, *on_belt, *six, *inspected, *tasks, *overdue, *members, *five, *belt_tasks, *belt_overdue;
  gint64 sites = 0, belts = 0;

  memset (values, 0, sizeof (double) * HD_N_COMPUTED_INDICATORS);
  g_hash_table_add (regions, g_strdup ("r-city"));
  rows = prepare_or_die (db, "SELECT id, parent_id FROM region");
  /* Regions listed parent first here; a real loop would repeat until nothing is added. */
  while (sqlite3_step (rows) == SQLITE_ROW)
    if (sqlite3_column_text (rows, 1) != NULL &&
        g_hash_table_contains (regions, sqlite3_column_text (rows, 1)))
      g_hash_table_add (regions, g_strdup ((const char *) sqlite3_column_text (rows, 0)));
  sqlite3_finalize (rows);

  on_belt = prepare_or_die (db, "SELECT count(*) FROM belt_site bs JOIN belt b ON b.id = bs.belt_id"
                                " WHERE bs.site_id = ?1 AND b.created < ?2");
  six = prepare_or_die (db, "SELECT n_partly = 0 AND n_not_met = 0 AND red_lines_hit = 0 FROM inspection"
                            " WHERE site_id = ?1 AND state = 'finished' AND date <= ?2"
                            " AND set_id IN (SELECT id FROM standard_set WHERE code = 'six_haves')"
                            " ORDER BY date DESC, finished DESC LIMIT 1");
  inspected = prepare_or_die (db, "SELECT count(*) FROM inspection WHERE site_id = ?1 AND state = 'finished'"
                                  " AND date <= ?2 AND date >= ?3");
  tasks = prepare_or_die (db, "SELECT count(*) FROM rectification WHERE site_id = ?1 AND created < ?2"
                              " AND (state = 'open' OR closed_date > ?3)");
  overdue = prepare_or_die (db, "SELECT count(*) FROM rectification WHERE site_id = ?1 AND created < ?2"
                                " AND (state = 'open' OR closed_date > ?3) AND due_date < ?3");
  members = prepare_or_die (db, "SELECT count(*) FROM belt_site bs JOIN site s ON s.id = bs.site_id"
                                " WHERE bs.belt_id = ?1 AND s.created < ?2");
  five = prepare_or_die (db, "SELECT n_partly = 0 AND n_not_met = 0 AND red_lines_hit = 0 FROM inspection"
                             " WHERE belt_id = ?1 AND state = 'finished' AND date <= ?2"
                             " AND set_id IN (SELECT id FROM standard_set WHERE code = 'five_ones')"
                             " ORDER BY date DESC, finished DESC LIMIT 1");
  belt_tasks = prepare_or_die (db, "SELECT count(*) FROM rectification WHERE belt_id = ?1 AND created < ?2"
                                   " AND (state = 'open' OR closed_date > ?3)");
  belt_overdue = prepare_or_die (db, "SELECT count(*) FROM rectification WHERE belt_id = ?1 AND created < ?2"
                                     " AND (state = 'open' OR closed_date > ?3) AND due_date < ?3");

  rows = prepare_or_die (db, "SELECT id, region_id, created, level, kind FROM site");
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (rows, 0);
      const char *region = (const char *) sqlite3_column_text (rows, 1);
      const char *created = (const char *) sqlite3_column_text (rows, 2);
      const char *level = (const char *) sqlite3_column_text (rows, 3);

      if (region == NULL || !g_hash_table_contains (regions, region))
        continue;
      /* ?2 is the creation bound, ?3 the date, for the tasks (counted from their own creation). */
      values[HD_COMPUTED_OPEN_RECTIFICATIONS] += (double) ask (tasks, id, next_day, day);
      values[HD_COMPUTED_OVERDUE_RECTIFICATIONS] += (double) ask (overdue, id, next_day, day);
      if (strcmp (created, next_day) >= 0)
        continue;
      sites++;
      values[HD_COMPUTED_CITY_SITES] += g_strcmp0 (level, "city") == 0;
      values[HD_COMPUTED_COUNTY_SITES] += g_strcmp0 (level, "county") == 0;
      values[HD_COMPUTED_SERVICE_CENTERS] += g_strcmp0 ((const char *) sqlite3_column_text (rows, 4), "service_center") == 0;
      values[HD_COMPUTED_SITES_ON_BELTS] += ask (on_belt, id, next_day, NULL) > 0;
      values[HD_COMPUTED_SIX_HAVES_SHARE] += ask (six, id, day, NULL);
      values[HD_COMPUTED_INSPECTED_SHARE] += ask (inspected, id, day, quarter_start) > 0;
    }
  sqlite3_finalize (rows);
  rows = prepare_or_die (db, "SELECT id, region_id, created FROM belt");
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (rows, 0);
      const char *region = (const char *) sqlite3_column_text (rows, 1);

      if (region == NULL || !g_hash_table_contains (regions, region))
        continue;
      values[HD_COMPUTED_OPEN_RECTIFICATIONS] += (double) ask (belt_tasks, id, next_day, day);
      values[HD_COMPUTED_OVERDUE_RECTIFICATIONS] += (double) ask (belt_overdue, id, next_day, day);
      if (strcmp ((const char *) sqlite3_column_text (rows, 2), next_day) >= 0)
        continue;
      belts++;
      values[HD_COMPUTED_BELTS_WITH_8_SITES] += ask (members, id, next_day, NULL) >= 8;
      values[HD_COMPUTED_FIVE_ONES_SHARE] += ask (five, id, day, NULL);
    }
  sqlite3_finalize (rows);
  values[HD_COMPUTED_BELTS] = (double) belts;
  values[HD_COMPUTED_SIX_HAVES_SHARE] = sites ? 100.0 * values[HD_COMPUTED_SIX_HAVES_SHARE] / (double) sites : 0;
  values[HD_COMPUTED_INSPECTED_SHARE] = sites ? 100.0 * values[HD_COMPUTED_INSPECTED_SHARE] / (double) sites : 0;
  values[HD_COMPUTED_FIVE_ONES_SHARE] = belts ? 100.0 * values[HD_COMPUTED_FIVE_ONES_SHARE] / (double) belts : 0;
  sqlite3_finalize (on_belt);
  sqlite3_finalize (six);
  sqlite3_finalize (inspected);
  sqlite3_finalize (tasks);
  sqlite3_finalize (overdue);
  sqlite3_finalize (members);
  sqlite3_finalize (five);
  sqlite3_finalize (belt_tasks);
  sqlite3_finalize (belt_overdue);
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hongdai-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(HdStore) store = NULL;
  double all_ms[RUNS], all_cpu_ms[RUNS], one_by_one_ms[RUNS], per_key_ms[HD_N_COMPUTED_INDICATORS][RUNS];
  double ours[HD_N_COMPUTED_INDICATORS], together[HD_N_COMPUTED_INDICATORS];
  double theirs[HD_N_COMPUTED_INDICATORS];
  double naive_ms;
  GDate today;
  sqlite3 *db;
  gint64 start;

  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "province.db", NULL);
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  db = hd_store_get_db (store);
  if (!hd_date_parse (TODAY, &today))
    g_error ("bad TODAY");

  start = g_get_monotonic_time ();
  generate (db);
  fprintf (stderr, "# generated in %.1f s: %" G_GINT64_FORMAT " sites, %" G_GINT64_FORMAT " belts, %"
           G_GINT64_FORMAT " finished inspections, %" G_GINT64_FORMAT " answers, %" G_GINT64_FORMAT
           " tasks\n",
           (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC,
           count (db, "SELECT count(*) FROM site"), count (db, "SELECT count(*) FROM belt"),
           count (db, "SELECT count(*) FROM inspection WHERE state = 'finished'"),
           count (db, "SELECT count(*) FROM inspection_result"),
           count (db, "SELECT count(*) FROM rectification"));

  /* Measured as a user has it: reopened from disk. */
  g_clear_object (&store);
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  db = hd_store_get_db (store);

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 all_start = g_get_monotonic_time ();

      for (int k = 0; k < HD_N_COMPUTED_INDICATORS; k++)
        {
          start = g_get_monotonic_time ();
          if (!hd_store_evaluate_indicator (store, k, "r-city", &today, &ours[k], &error))
            g_error ("%s", error->message);
          per_key_ms[k][run] = (double) (g_get_monotonic_time () - start) / 1000.0;
        }
      one_by_one_ms[run] = (double) (g_get_monotonic_time () - all_start) / 1000.0;
      {
        double cpu_start = hd_bench_cpu_ms ();

        start = g_get_monotonic_time ();
        if (!hd_store_evaluate_indicators (store, "r-city", &today, together, &error))
          g_error ("%s", error->message);
        all_ms[run] = (double) (g_get_monotonic_time () - start) / 1000.0;
        all_cpu_ms[run] = hd_bench_cpu_ms () - cpu_start;
      }
    }
  start = g_get_monotonic_time ();
  naive (db, theirs);
  naive_ms = (double) (g_get_monotonic_time () - start) / 1000.0;

  for (int k = 0; k < HD_N_COMPUTED_INDICATORS; k++)
    {
      fprintf (stderr, "# %-24s %10.2f  (%.1f ms)\n", hd_computed_indicator_to_string (k), ours[k],
               hd_bench_median (per_key_ms[k], RUNS));
      if (fabs (ours[k] - theirs[k]) > 1e-6 || fabs (together[k] - ours[k]) > 1e-6)
        g_error ("%s: %g, %g all at once, but %g the naive way", hd_computed_indicator_to_string (k),
                 ours[k], together[k], theirs[k]);
    }
  fprintf (stderr, "# one query per indicator, all 11: %.1f ms; all at once: %.1f ms of CPU\n",
           hd_bench_median (one_by_one_ms, RUNS), hd_bench_median (all_cpu_ms, RUNS));
  hd_bench_report ("all 11 computed indicators at once, 100k sites", hd_bench_median (all_ms, RUNS), "ms", "%.1f", FALSE, TARGET_ALL_MS);
  fprintf (stderr, "# naive per-site loop: %.0f ms\n", naive_ms);
  hd_bench_report ("set-based vs naive per-site loop", hd_bench_median (all_ms, RUNS) / naive_ms, "x", "%.3f", FALSE,
          TARGET_VS_NAIVE);

  g_clear_object (&store);
  if (g_getenv ("HD_BENCH_KEEP") != NULL)
    fprintf (stderr, "# kept %s\n", path);
  else
    remove_tree (dir);
  return hd_bench_exit_status ();
}
