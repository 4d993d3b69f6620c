/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long the lights of a province take: 100 000 sites, 100 000 finished six-haves inspections
 * (10 000 sites inspected twice, 10 000 never), 66 667 drafts and 1 000 002 answers, ~30 000
 * rectification tasks, 300 belts. The rows are generated with SQL in one transaction (setup is
 * not what is measured).
 *
 * Measures hd_store_compute_lights() (stored summaries of the latest inspections, merged in one
 * pass) against the naive way in the same run: recomputing each site's latest inspection from
 * its answers (one aggregate join over every answer), and checks that both give the same light
 * for every site. Output lines read "name: value unit (target …)". */
#define G_LOG_DOMAIN "bench-inspections"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hd-inspection.h"
#include "hd-standards-private.h"
#include "hd-bench.h"

#define N_SITES        100000
#define RUNS           7
#define TODAY          "2026-05-15"
#define SIX_HAVES      "2000091c-2e81-43ca-8216-a96c8512f9bb"
#define FIVE_ONES      "c21a5409-85bb-415d-a0c6-f69226f60b45"

#define TARGET_LIGHTS_MS   200.0
#define TARGET_VS_NAIVE    0.5
#define TARGET_SUBJECT_MS  5.0


/* Everything in one transaction, as an import would write it. Answers follow a fixed pattern
 * (4% not met, 9% partly, 4% n.a.), and the summaries are computed from them, so the naive way
 * and ours must agree. */
static void
generate (sqlite3 *db)
{
  hd_bench_exec_or_die (db, "BEGIN");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 99999)
    "INSERT INTO site (id, pos_key, name, kind, created, modified)"
    " SELECT " HD_BENCH_SITE_ID ", x + 1, '示范点' || x, 'venue', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 299)
    "INSERT INTO belt (id, name, created, modified)"
    " SELECT printf ('belt-%04d', x), '示范带' || x, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n");
  /* The latest inspection of sites 0..89 999, within the last year. */
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 89999)
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, created, modified, finished)"
    " SELECT printf ('f%07d', x), " HD_BENCH_SITE_ID ", '" SIX_HAVES "', '市委组织部督导组 王敏',"
    " date ('" TODAY "', printf ('-%d days', x % 365)), 'finished', '2026-01-01T00:00:00Z',"
    " '2026-01-01T00:00:00Z', date ('" TODAY "', printf ('-%d days', x % 365)) || 'T08:00:00.000000Z' FROM n");
  /* An older one for sites 80 000..89 999. */
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (80000, 89999)
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, created, modified, finished)"
    " SELECT printf ('g%07d', x), " HD_BENCH_SITE_ID ", '" SIX_HAVES "', '市委组织部督导组 王敏',"
    " date ('" TODAY "', printf ('-%d days', x % 365 + 100)), 'finished', '2026-01-01T00:00:00Z',"
    " '2026-01-01T00:00:00Z', date ('" TODAY "', printf ('-%d days', x % 365 + 100)) || 'T08:00:00.000000Z'"
    " FROM n");
  /* Drafts in progress. */
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 66666)
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, created, modified)"
    " SELECT printf ('d%07d', x), " HD_BENCH_SITE_ID ", '" SIX_HAVES "', '市委两新工委督导组 陈立新',"
    " '2026-05-14', 'draft', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n");
  hd_bench_exec_or_die (db,
    HD_BENCH_SERIES (0, 199)
    "INSERT INTO inspection (id, belt_id, set_id, inspector, date, state, created, modified, finished)"
    " SELECT printf ('b%07d', x), printf ('belt-%04d', x), '" FIVE_ONES "', '市委组织部督导组 王敏',"
    " date ('" TODAY "', printf ('-%d days', x % 200)), 'finished', '2026-01-01T00:00:00Z',"
    " '2026-01-01T00:00:00Z', date ('" TODAY "', printf ('-%d days', x % 200)) || 'T08:00:00.000000Z' FROM n");
  hd_bench_exec_or_die (db,
    "INSERT INTO inspection_result (inspection_id, item_id, answer, modified)"
    " SELECT i.id, it.id, CASE (i.rowid * 7919 + it.position * 104729) % 23"
    "   WHEN 0 THEN 'not_met' WHEN 1 THEN 'partly' WHEN 2 THEN 'partly' WHEN 3 THEN 'na' ELSE 'met' END,"
    "   '2026-01-01T00:00:00Z'"
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
  /* Tasks for the items not met; a third of them already done. */
  hd_bench_exec_or_die (db,
    "INSERT INTO rectification (id, inspection_id, item_id, site_id, belt_id, list, description,"
    " due_date, state, created, modified)"
    " SELECT i.id || '-' || r.item_id, i.id, r.item_id, i.site_id, i.belt_id, 'problem', '整改',"
    " date (i.date, '+30 days'), CASE WHEN i.rowid % 3 = 0 THEN 'done' ELSE 'open' END,"
    " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'"
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

/* The naive way: the latest finished inspection of each site found with a correlated max(), its
 * answers joined in and aggregated (a million answer rows read), tasks per site in a hash table. */
static GHashTable *
naive_lights (sqlite3     *db,
              const GDate *today)
{
  static const char scores_sql[] =
    "SELECT i.site_id, i.date,"
    " sum (r.answer = 'partly' AND it.kind = 'requirement'),"
    " sum (r.answer = 'not_met' AND it.kind = 'requirement'),"
    " sum (it.kind = 'red_line' AND r.answer IN ('partly', 'not_met')),"
    " sum (CASE WHEN it.kind <> 'requirement' THEN 0 WHEN r.answer = 'met' THEN it.weight"
    "           WHEN r.answer = 'partly' THEN it.weight * 0.5 ELSE 0 END),"
    " sum (CASE WHEN it.kind = 'requirement' AND r.answer IN ('met', 'partly', 'not_met')"
    "           THEN it.weight ELSE 0 END)"
    " FROM inspection i JOIN inspection_result r ON r.inspection_id = i.id"
    " JOIN standard_item it ON it.id = r.item_id"
    " WHERE i.state = 'finished' AND i.site_id IS NOT NULL"
    " AND i.date = (SELECT max (i2.date) FROM inspection i2"
    "               WHERE i2.site_id = i.site_id AND i2.state = 'finished')"
    " GROUP BY i.id";
  g_autoptr(GHashTable) inputs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTable *lights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM site", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      HdLightInput *input = g_new (HdLightInput, 1);

      hd_light_input_init (input);
      g_hash_table_insert (inputs, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), input);
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, scores_sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      HdLightInput *input = g_hash_table_lookup (inputs, sqlite3_column_text (stmt, 0));
      double possible = sqlite3_column_double (stmt, 6);

      input->inspected = hd_date_parse ((const char *) sqlite3_column_text (stmt, 1), &input->last_date);
      input->n_partly = (guint) sqlite3_column_int (stmt, 2);
      input->n_not_met = (guint) sqlite3_column_int (stmt, 3);
      input->red_lines_hit = (guint) sqlite3_column_int (stmt, 4);
      input->has_score = possible > 0;
      input->score = possible > 0 ? 100.0 * sqlite3_column_double (stmt, 5) / possible : 0;
    }
  sqlite3_finalize (stmt);

  if (sqlite3_prepare_v2 (db, "SELECT site_id, min (due_date) FROM rectification"
                              " WHERE state = 'open' AND site_id IS NOT NULL GROUP BY site_id",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      HdLightInput *input = g_hash_table_lookup (inputs, sqlite3_column_text (stmt, 0));

      hd_date_parse ((const char *) sqlite3_column_text (stmt, 1), &input->oldest_open_due);
    }
  sqlite3_finalize (stmt);

  g_hash_table_iter_init (&iter, inputs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (lights, g_strdup (key),
                         GINT_TO_POINTER (hd_light_compute (value, today, HD_DEFAULT_RED_THRESHOLD, NULL)));
  return lights;
}

static void
print_plan (sqlite3    *db,
            const char *label,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    fprintf (stderr, "#   %s: %s\n", label, sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
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
  g_autoptr(GHashTable) ours = NULL;
  g_autoptr(GHashTable) naive = NULL;
  double ours_ms[RUNS], ours_cpu_ms[RUNS], naive_ms[RUNS], subject_ms[RUNS];
  guint by_light[HD_N_LIGHTS] = { 0 };
  guint differ = 0;
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
  fprintf (stderr, "# generated in %.1f s: %" G_GINT64_FORMAT " sites, %" G_GINT64_FORMAT
           " finished inspections, %" G_GINT64_FORMAT " drafts, %" G_GINT64_FORMAT " answers, %"
           G_GINT64_FORMAT " open tasks\n",
           (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC,
           count (db, "SELECT count(*) FROM site"),
           count (db, "SELECT count(*) FROM inspection WHERE state = 'finished'"),
           count (db, "SELECT count(*) FROM inspection WHERE state = 'draft'"),
           count (db, "SELECT count(*) FROM inspection_result"),
           count (db, "SELECT count(*) FROM rectification WHERE state = 'open'"));

  /* Measured as a user has it: the workspace opened from disk, not with the generating
   * transaction still in the write-ahead log (closing checkpoints it). */
  g_clear_object (&store);
  start = g_get_monotonic_time ();
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  db = hd_store_get_db (store);
  fprintf (stderr, "# reopened in %.1f s\n", (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  /* The plans of the light queries (as in hd-inspection.c): index scans, no temporary b-tree. */
  print_plan (db, "latest", "SELECT site_id, set_id, date, finished, score, n_partly, n_not_met,"
                            " red_lines_hit FROM inspection INDEXED BY inspection_latest_site"
                            " WHERE state = 'finished' AND site_id IS NOT NULL"
                            " ORDER BY site_id, set_id, date, finished");
  print_plan (db, "open due", "SELECT site_id, due_date FROM rectification INDEXED BY rectification_open_site"
                              " WHERE state = 'open' AND site_id IS NOT NULL AND due_date IS NOT NULL"
                              " ORDER BY site_id, due_date");

  /* The first run of each warms the page cache and the statement cache; all runs count in the
   * median, which a cold first run does not move. */
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GHashTable) sites = NULL;
      g_autoptr(GHashTable) belts = NULL;

      double cpu_start = hd_bench_cpu_ms ();

      start = g_get_monotonic_time ();
      if (!hd_store_compute_lights (store, &today, &sites, &belts, &error))
        g_error ("%s", error->message);
      ours_ms[run] = (double) (g_get_monotonic_time () - start) / 1000.0;
      ours_cpu_ms[run] = hd_bench_cpu_ms () - cpu_start;
      if (run == 0)
        ours = g_steal_pointer (&sites);
    }
  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GHashTable) lights = NULL;

      start = g_get_monotonic_time ();
      lights = naive_lights (db, &today);
      naive_ms[run] = (double) (g_get_monotonic_time () - start) / 1000.0;
      if (run == 0)
        naive = g_steal_pointer (&lights);
    }
  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *id = g_strdup_printf ("%08x-5173-4e11-8a00-%012x", 85000 + run, 85000 + run);

      start = g_get_monotonic_time ();
      hd_store_compute_subject_light (store, id, &today, NULL, &error);
      subject_ms[run] = (double) (g_get_monotonic_time () - start) / 1000.0;
    }

  /* Both ways must say the same thing about every site. */
  {
    GHashTableIter iter;
    gpointer key, value;

    if (g_hash_table_size (ours) != N_SITES || g_hash_table_size (naive) != N_SITES)
      g_error ("lights for %u and %u sites, not %d", g_hash_table_size (ours), g_hash_table_size (naive), N_SITES);
    g_hash_table_iter_init (&iter, ours);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        by_light[GPOINTER_TO_INT (value)]++;
        if (g_hash_table_lookup (naive, key) != value)
          differ++;
      }
  }
  fprintf (stderr, "# lights: grey %u, green %u, yellow %u, red %u; %u differ from the naive way\n",
           by_light[HD_LIGHT_GREY], by_light[HD_LIGHT_GREEN], by_light[HD_LIGHT_YELLOW],
           by_light[HD_LIGHT_RED], differ);
  if (differ > 0)
    g_error ("%u sites have a different light the naive way", differ);

  {
    double ours_median = hd_bench_median (ours_ms, RUNS);
    double naive_median = hd_bench_median (naive_ms, RUNS);

    double cpu_median = hd_bench_median (ours_cpu_ms, RUNS);

    fprintf (stderr, "# median of %d runs: ours %.1f ms (fastest %.1f; CPU time %.1f), naive %.1f ms (fastest %.1f)\n",
             RUNS, ours_median, ours_ms[0], cpu_median, naive_median, naive_ms[0]);
    hd_bench_report ("inspections.lights_100k", ours_median, "ms", "%.1f", FALSE, TARGET_LIGHTS_MS);
    hd_bench_report ("inspections.lights_vs_naive", ours_median / naive_median, "x", "%.2f", FALSE, TARGET_VS_NAIVE);
    hd_bench_report ("inspections.subject_light", hd_bench_median (subject_ms, RUNS), "ms", "%.2f", FALSE, TARGET_SUBJECT_MS);
  }

  g_clear_object (&store);
  remove_tree (dir);
  return hd_bench_exit_status ();
}
