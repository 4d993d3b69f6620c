/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The site table with 10k sites (tests/bench/run lists): a keystroke's refilter as a substring is
 * typed, and sorting by name and by light, each against the naive way measured in the same run
 * (fold every row's texts again on each keystroke; collate names in each comparison; a query
 * per row for its light). Needs a display: run under xvfb-run with GSK_RENDERER=cairo. */
#define G_LOG_DOMAIN "bench-lists"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <locale.h>

#include "hd-application.h"
#include "hd-inspection.h"
#include "hd-site-table.h"
#include "hd-store-private.h"
#include "../hd-test-sites.h"
#include "hd-bench.h"

#define N_SITES             10000
#define RUNS                5
#define TARGET_KEYSTROKE_MS 50.0
#define TARGET_SORT_MS      100.0
#define TARGET_RATIO        0.5

/* A figure with no target: the naive way's time, for the ratio beside it. */
static void
measure (const char *name,
         double      value,
         const char *unit,
         const char *format)
{
  char value_text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (value_text, sizeof value_text, format, value);
  printf ("%s: %s %s\n", name, value_text, unit);
  fflush (stdout);
}

static double
maximum (const double *values,
         guint         n)
{
  double max = 0;

  for (guint i = 0; i < n; i++)
    max = MAX (max, values[i]);
  return max;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Finished inspections of two sites in three, with scores spread so every light occurs. */
static void
add_inspections (HdStore *store)
{
  g_autoptr(GError) error = NULL;
  static const char sql[] =
    "INSERT INTO inspection (id, site_id, set_id, inspector, date, state, score, n_met, n_partly,"
    " n_not_met, red_lines_hit, created, modified, finished)"
    " SELECT 'bench-' || s.rowid, s.id, (SELECT id FROM standard_set WHERE code = 'six_haves'"
    "   ORDER BY version DESC LIMIT 1), '督导组',"
    " date ('now', printf ('-%d days', s.rowid % 200)), 'finished', (s.rowid * 37) % 100,"
    " 4, s.rowid % 3, s.rowid % 2, 0, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z',"
    " date ('now', printf ('-%d days', s.rowid % 200)) || 'T08:00:00.000000Z'"
    " FROM site s WHERE s.rowid % 3 <> 0";

  if (!hd_store_exec (store, sql, "Could not add inspections", &error))
    g_error ("%s", error->message);
}

/* ------------------------------------------------------------------------------------------ */
/* The naive ways                                                                             */

static char *naive_needle;

static gboolean
naive_match (gpointer item,
             gpointer user_data)
{
  HdSite *site = item;
  g_autoptr(GString) text = g_string_new (hd_site_get_name (site));
  g_autofree char *folded = NULL;

  if (naive_needle == NULL)
    return TRUE;
  if (hd_site_get_organisation (site) != NULL)
    g_string_append_printf (text, "\n%s", hd_site_get_organisation (site));
  if (hd_site_get_address (site) != NULL)
    g_string_append_printf (text, "\n%s", hd_site_get_address (site));
  folded = hd_record_table_fold (text->str);
  return strstr (folded, naive_needle) != NULL;
}

static int
naive_compare_names (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  int cmp = g_utf8_collate (hd_site_get_name ((HdSite *) a), hd_site_get_name ((HdSite *) b)) *
            (user_data ? GPOINTER_TO_INT (user_data) : 1);

  return cmp < 0 ? GTK_ORDERING_SMALLER : cmp > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
naive_compare_members (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  int ma = hd_site_get_members ((HdSite *) a), mb = hd_site_get_members ((HdSite *) b);

  return ma < mb ? GTK_ORDERING_SMALLER : ma > mb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static int
light_rank (HdLight light)
{
  return light == HD_LIGHT_RED ? 0 : light == HD_LIGHT_YELLOW ? 1 : light == HD_LIGHT_GREEN ? 2 : 3;
}

static int
naive_compare_lights (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  GHashTable *lights = user_data;
  int ra = light_rank (GPOINTER_TO_INT (g_hash_table_lookup (lights, a)));
  int rb = light_rank (GPOINTER_TO_INT (g_hash_table_lookup (lights, b)));

  return ra < rb ? GTK_ORDERING_SMALLER : ra > rb ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

typedef struct {
  double keystroke_first;
  double keystroke_max;
  double keystroke_median;
  double naive_keystroke_median;
  double sort_name;
  double naive_sort_name;
  double sort_light;
  double naive_sort_light;
} Figures;

static const char * const typed[] = {
  "鼓", "鼓楼", "鼓楼金", "鼓楼金融", "鼓楼金", "鼓楼", "鼓", "", "f", "fi", "fin", "fint", "",
};

/* Types the words into the table and the naive filter, then sorts both by name and by light. */
static void
measure_all (HdStore            *store,
             HdRecordTable        *site_table,
             GtkCustomFilter    *naive_filter,
             GtkFilterListModel *naive_filtered,
             GtkSortListModel   *naive_sorted,
             Figures            *out)
{
  HdRecordTable *table = site_table;
  double ours_ms[G_N_ELEMENTS (typed)], naive_ms[G_N_ELEMENTS (typed)];
  double sort_name_ms[RUNS], naive_name_ms[RUNS], sort_light_ms[RUNS], naive_light_ms[RUNS];
  GListModel *sites = hd_store_get_sites (store);
  double start;

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      start = hd_bench_cpu_ms ();
      hd_record_table_set_search_text (table, typed[i]);
      ours_ms[i] = hd_bench_cpu_ms () - start;
      spin ();

      g_free (naive_needle);
      naive_needle = *typed[i] ? hd_record_table_fold (typed[i]) : NULL;
      start = hd_bench_cpu_ms ();
      gtk_filter_changed (GTK_FILTER (naive_filter), GTK_FILTER_CHANGE_DIFFERENT);
      naive_ms[i] = hd_bench_cpu_ms () - start;
      if (g_list_model_get_n_items (G_LIST_MODEL (naive_filtered)) !=
          hd_record_table_get_n_shown (table))
        g_error ("the table shows %u rows for “%s”, the naive filter %u",
                 hd_record_table_get_n_shown (table), typed[i],
                 g_list_model_get_n_items (G_LIST_MODEL (naive_filtered)));
    }
  out->keystroke_first = ours_ms[0];
  out->keystroke_max = maximum (ours_ms, G_N_ELEMENTS (typed));
  out->keystroke_median = hd_bench_median (ours_ms, G_N_ELEMENTS (typed));
  out->naive_keystroke_median = hd_bench_median (naive_ms, G_N_ELEMENTS (typed));

  for (guint run = 0; run < RUNS; run++)
    {
      GtkColumnViewColumn *name = hd_record_table_get_column (site_table, "name");
      GtkColumnViewColumn *light = hd_record_table_get_column (site_table, "light");
      g_autoptr(GHashTable) per_row = g_hash_table_new (NULL, NULL);
      GDate today = hd_store_get_today (store);

      /* From another order (members), so that each sort has work to do. */
      hd_record_table_sort_by (table, hd_record_table_get_column (site_table, "members"),
                               GTK_SORT_ASCENDING);
      spin ();
      start = hd_bench_cpu_ms ();
      hd_record_table_sort_by (table, name, run % 2 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      sort_name_ms[run] = hd_bench_cpu_ms () - start;
      spin ();

      /* Both ways turn the order round each run, so neither re-sorts a sorted list. */
      {
        g_autoptr(GtkSorter) turned =
          GTK_SORTER (gtk_custom_sorter_new (naive_compare_names,
                                             GINT_TO_POINTER (run % 2 ? 1 : -1), NULL));

        g_autoptr(GtkSorter) by_members =
          GTK_SORTER (gtk_custom_sorter_new (naive_compare_members, NULL, NULL));

        gtk_sort_list_model_set_sorter (naive_sorted, by_members);
        start = hd_bench_cpu_ms ();
        gtk_sort_list_model_set_sorter (naive_sorted, turned);
        naive_name_ms[run] = hd_bench_cpu_ms () - start;
      }

      hd_record_table_sort_by (table, hd_record_table_get_column (site_table, "members"),
                               GTK_SORT_ASCENDING);
      spin ();
      start = hd_bench_cpu_ms ();
      hd_record_table_sort_by (table, light, run % 2 ? GTK_SORT_ASCENDING : GTK_SORT_DESCENDING);
      sort_light_ms[run] = hd_bench_cpu_ms () - start;
      spin ();

      /* Naive: each row asks the database for its light, then the rows are sorted. */
      start = hd_bench_cpu_ms ();
      for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
        {
          g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

          g_hash_table_insert (per_row, site,
                               GINT_TO_POINTER (hd_store_compute_subject_light (store,
                                                                                hd_site_get_id (site),
                                                                                &today, NULL, NULL)));
        }
      {
        g_autoptr(GtkSortListModel) by_light =
          gtk_sort_list_model_new (g_object_ref (sites),
                                   GTK_SORTER (gtk_custom_sorter_new (naive_compare_lights,
                                                                      per_row, NULL)));

        naive_light_ms[run] = hd_bench_cpu_ms () - start;
        g_assert (g_list_model_get_n_items (G_LIST_MODEL (by_light)) == N_SITES);
      }
    }
  out->sort_name = hd_bench_median (sort_name_ms, RUNS);
  out->naive_sort_name = hd_bench_median (naive_name_ms, RUNS);
  out->sort_light = hd_bench_median (sort_light_ms, RUNS);
  out->naive_sort_light = hd_bench_median (naive_light_ms, RUNS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hongdai-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(HdStore) store = NULL;
  g_autoptr(HdLights) lights = NULL;
  g_autoptr(GtkFilterListModel) naive_filtered = NULL;
  g_autoptr(GtkSortListModel) naive_sorted = NULL;
  GtkCustomFilter *naive_filter;
  GtkWidget *window, *overlay, *site_table;
  HdRecordTable *table;
  Figures shown = { 0 }, models = { 0 };
  const char *collation;
  double start;

  if (!gtk_init_check ())
    g_error ("bench-lists needs a display: run it under xvfb-run with GSK_RENDERER=cairo");
  /* Names are compared as the users' locale does (after gtk_init, which sets the locale from
   * the environment): Chinese collation, where the machine has it. */
  collation = setlocale (LC_COLLATE, "zh_CN.utf8");
  if (collation == NULL)
    collation = setlocale (LC_COLLATE, NULL);
  adw_init ();
  hd_application_ensure_resources ();
  if (dir == NULL)
    g_error ("%s", error->message);
  path = g_build_filename (dir, "lists.db", NULL);
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time () / 1000.0;
  hd_test_import_sites (store, dir, N_SITES);
  add_inspections (store);
  lights = hd_lights_new (store);
  fprintf (stderr, "# %u sites generated and imported in %.1f s; collation %s\n",
           g_list_model_get_n_items (hd_store_get_sites (store)),
           (g_get_monotonic_time () / 1000.0 - start) / 1000, collation ? collation : "C");

  site_table = hd_site_table_new (store, lights);
  table = HD_RECORD_TABLE (site_table);
  window = gtk_window_new ();
  overlay = adw_toast_overlay_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), site_table);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 50 && !gtk_widget_get_mapped (site_table); i++)
    {
      g_usleep (10000);
      spin ();
    }
  spin ();

  /* The naive pipeline has the table's shape: sorted by name, then filtered. */
  naive_sorted = gtk_sort_list_model_new (g_object_ref (hd_store_get_sites (store)),
                                          GTK_SORTER (gtk_custom_sorter_new (naive_compare_names,
                                                                             NULL, NULL)));
  naive_filter = gtk_custom_filter_new (naive_match, NULL, NULL);
  naive_filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (naive_sorted)),
                                              GTK_FILTER (naive_filter));

  /* First as the user has it, with the column view's rows; then the models alone (the view
   * let go of), as the naive way is measured. */
  measure_all (store, HD_RECORD_TABLE (site_table), naive_filter, naive_filtered, naive_sorted,
               &shown);
  gtk_column_view_set_model (hd_record_table_get_column_view (table), NULL);
  measure_all (store, HD_RECORD_TABLE (site_table), naive_filter, naive_filtered, naive_sorted,
               &models);

  hd_bench_report ("lists keystroke refilter, models, first (texts folded once)", models.keystroke_first,
          "ms", "%.1f", FALSE, TARGET_KEYSTROKE_MS);
  hd_bench_report ("lists keystroke refilter, models, median", models.keystroke_median, "ms", "%.1f",
          FALSE, TARGET_KEYSTROKE_MS);
  hd_bench_report ("lists keystroke refilter, models, max", models.keystroke_max, "ms", "%.1f", FALSE,
          TARGET_KEYSTROKE_MS);
  measure ("lists keystroke refilter, naive (fold each row again) median",
           models.naive_keystroke_median, "ms", "%.1f");
  hd_bench_report ("lists keystroke refilter vs naive", models.keystroke_median /
          models.naive_keystroke_median, "x", "%.2f", FALSE, TARGET_RATIO);
  hd_bench_report ("lists keystroke refilter with the column view's rows, median", shown.keystroke_median,
          "ms", "%.1f", FALSE, TARGET_KEYSTROKE_MS);
  hd_bench_report ("lists keystroke refilter with the column view's rows, max", shown.keystroke_max, "ms",
          "%.1f", FALSE, TARGET_KEYSTROKE_MS);

  hd_bench_report ("lists sort 10k by name (collation keys kept), models", models.sort_name, "ms", "%.1f",
          FALSE, TARGET_SORT_MS);
  measure ("lists sort 10k by name, naive (g_utf8_collate per comparison)",
           models.naive_sort_name, "ms", "%.1f");
  hd_bench_report ("lists sort by name vs naive", models.sort_name / models.naive_sort_name, "x", "%.2f",
          FALSE, TARGET_RATIO);
  hd_bench_report ("lists sort 10k by name with the column view's rows", shown.sort_name, "ms", "%.1f",
          FALSE, TARGET_SORT_MS);
  hd_bench_report ("lists sort 10k by light (HdLights' map), models", models.sort_light, "ms", "%.1f",
          FALSE, TARGET_SORT_MS);
  measure ("lists sort 10k by light, naive (a query per row)", models.naive_sort_light, "ms",
           "%.1f");
  hd_bench_report ("lists sort by light vs naive", models.sort_light / models.naive_sort_light, "x",
          "%.3f", FALSE, TARGET_RATIO);
  hd_bench_report ("lists sort 10k by light with the column view's rows", shown.sort_light, "ms", "%.1f",
          FALSE, TARGET_SORT_MS);
  start = hd_bench_cpu_ms ();
  hd_lights_refresh (lights);
  measure ("lists lights of the workspace recomputed (once per store change)", hd_bench_cpu_ms () - start,
           "ms", "%.1f");

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  g_clear_object (&lights);
  g_clear_object (&store);
  {
    g_autofree char *db = g_build_filename (dir, "lists.db", NULL);
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_autofree char *json = g_build_filename (dir, "generated-sites.geojson", NULL);

    g_remove (db);
    g_remove (wal);
    g_remove (shm);
    g_remove (json);
    g_rmdir (dir);
  }
  g_free (naive_needle);
  return hd_bench_exit_status ();
}
