/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How long a province's worth of sites takes to import, and what memory it needs.
 *
 * Generates a GeoJSON file of 100 000 sites on 300 belts in 102 regions spread over a box the
 * size of a province, then measures parsing, the store's one-transaction import and the peak
 * resident set. For scale it also imports a 5 000-site subset the naive way (one transaction per
 * site) and our way, and prints the ratio. Output lines read "name: value unit (target …)". */
#define G_LOG_DOMAIN "bench-import"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "hd-geojson.h"
#include "hd-store.h"
#include "hd-bench.h"

#define N_SITES        100000
#define N_BELTS        300
#define N_CITIES       11
#define N_DISTRICTS    90
#define DISTRICT_COLS  10
#define DISTRICT_ROWS  9
#define SUBSET_SITES   5000

/* Roughly Zhejiang: a province-sized box. */
#define MIN_LON 118.0
#define MAX_LON 122.5
#define MIN_LAT 27.0
#define MAX_LAT 31.2

/* The whole import within 10 s on a field laptop, split between reading and writing. */
#define TARGET_PARSE_S   4.0
#define TARGET_STORE_S   6.0
#define TARGET_TOTAL_S   10.0
#define TARGET_RSS_MIB   1024.0
#define TARGET_EXPORT_S  10.0
/* Modest on purpose: in WAL mode with synchronous=NORMAL a commit does not wait for the disk, so
 * a transaction per row costs statement and WAL-frame overhead, not an fsync. */
#define TARGET_RATIO     2.0

static double
seconds_since (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  /* Linux reports kibibytes. */
  return (double) usage.ru_maxrss / 1024.0;
}

static void
put_double (GString *out,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.6f", value));
}

static void
put_position (GString *out,
              double   lon,
              double   lat)
{
  g_string_append_c (out, '[');
  put_double (out, lon);
  g_string_append (out, ", ");
  put_double (out, lat);
  g_string_append_c (out, ']');
}

static void
put_box (GString *out,
         double   west,
         double   south,
         double   east,
         double   north)
{
  g_string_append (out, "{\"type\": \"Polygon\", \"coordinates\": [[");
  put_position (out, west, south);
  g_string_append (out, ", ");
  put_position (out, east, south);
  g_string_append (out, ", ");
  put_position (out, east, north);
  g_string_append (out, ", ");
  put_position (out, west, north);
  g_string_append (out, ", ");
  put_position (out, west, south);
  g_string_append (out, "]]}");
}

/* Flushes @out to @file when it has grown, so that generating never holds the whole file. */
static void
spill (GString *out,
       FILE    *file,
       gboolean force)
{
  if (out->len < (1 << 20) && !force)
    return;
  if (fwrite (out->str, 1, out->len, file) != out->len)
    g_error ("Writing the generated file failed");
  g_string_truncate (out, 0);
}

static int
district_of (double lon,
             double lat)
{
  int col = (int) ((lon - MIN_LON) / (MAX_LON - MIN_LON) * DISTRICT_COLS);
  int row = (int) ((lat - MIN_LAT) / (MAX_LAT - MIN_LAT) * DISTRICT_ROWS);

  return CLAMP (row, 0, DISTRICT_ROWS - 1) * DISTRICT_COLS + CLAMP (col, 0, DISTRICT_COLS - 1);
}

/* Writes a collection of @n_sites sites. With @full, also the regions and belts they refer to,
 * and 30% of the sites on a belt (1% on two); otherwise bare sites, which is what the naive
 * comparison can write one at a time. Deterministic: a fixed seed. */
static void
write_collection (const char *path,
                  guint       n_sites,
                  gboolean    full)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20180101);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree guint *next_order = g_new0 (guint, N_BELTS);
  double dlon = (MAX_LON - MIN_LON) / DISTRICT_COLS;
  double dlat = (MAX_LAT - MIN_LAT) / DISTRICT_ROWS;
  static const char * const kinds[] = { "venue", "venue", "venue", "service_center", "red_post",
                                        "red_square", "corridor", "other" };
  static const char * const domains[] = { "rural", "community", "organ", "soe", "two_new", "school" };
  static const char * const stages[] = { "planned", "foundation", "brand", "covered", "accepted" };
  gboolean first = TRUE;
  FILE *file = g_fopen (path, "wb");

  if (file == NULL)
    g_error ("Cannot create %s", path);

  g_string_append (out, "{\"type\": \"FeatureCollection\", \"features\": [\n");

#define NEXT_FEATURE() G_STMT_START { if (!first) g_string_append (out, ",\n"); first = FALSE; } G_STMT_END

  if (full)
    {
      NEXT_FEATURE ();
      g_string_append (out, "{\"type\": \"Feature\", \"geometry\": ");
      put_box (out, MIN_LON, MIN_LAT, MAX_LON, MAX_LAT);
      g_string_append (out, ", \"properties\": {\"name\": \"省\", \"level\": \"province\"}}");

      for (int c = 0; c < N_CITIES; c++)
        {
          NEXT_FEATURE ();
          g_string_append_printf (out, "{\"type\": \"Feature\", \"geometry\": null, \"properties\":"
                                  " {\"type\": \"region\", \"name\": \"市%02d\", \"level\": \"city\","
                                  " \"parent\": \"省\", \"code\": \"33%02d00\"}}", c, c + 1);
        }
      for (int d = 0; d < N_DISTRICTS; d++)
        {
          double west = MIN_LON + (d % DISTRICT_COLS) * dlon;
          double south = MIN_LAT + (d / DISTRICT_COLS) * dlat;

          NEXT_FEATURE ();
          g_string_append (out, "{\"type\": \"Feature\", \"geometry\": ");
          put_box (out, west, south, west + dlon, south + dlat);
          g_string_append_printf (out, ", \"properties\": {\"name\": \"区%03d\", \"level\": \"district\","
                                  " \"parent\": \"市%02d\"}}", d, d % N_CITIES);
        }

      for (int b = 0; b < N_BELTS; b++)
        {
          int d = b % N_DISTRICTS;
          double lon = MIN_LON + (d % DISTRICT_COLS + 0.2) * dlon;
          double lat = MIN_LAT + (d / DISTRICT_COLS + 0.2 + 0.2 * (b / N_DISTRICTS)) * dlat;

          NEXT_FEATURE ();
          g_string_append (out, "{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\","
                           " \"coordinates\": [");
          put_position (out, lon, lat);
          g_string_append (out, ", ");
          put_position (out, lon + 0.5 * dlon, lat + 0.05 * dlat);
          g_string_append_printf (out, "]}, \"properties\": {\"name\": \"示范带%03d\", \"region\": \"区%03d\","
                                  " \"brand\": \"品牌%03d\", \"stage\": \"%s\", \"start_year\": %d,"
                                  " \"responsible\": \"负责人%03d\", \"colour\": \"#%02x%02x20\"}}",
                                  b, d, b, stages[b % G_N_ELEMENTS (stages)], 2018 + b % 3, b,
                                  (b * 37) & 0xff, (b * 91) & 0xff);
        }
      spill (out, file, FALSE);
    }

  for (guint i = 0; i < n_sites; i++)
    {
      double lon = g_rand_double_range (rand, MIN_LON, MAX_LON);
      double lat = g_rand_double_range (rand, MIN_LAT, MAX_LAT);
      int belt = full && i % 10 < 3 ? (int) (i % N_BELTS) : -1;

      NEXT_FEATURE ();
      g_string_append (out, "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": ");
      put_position (out, lon, lat);
      g_string_append_printf (out, "}, \"properties\": {\"name\": \"示范点%06u\", \"kind\": \"%s\","
                              " \"domain\": \"%s\", \"level\": \"%s\", \"organisation\": \"第%u党支部\","
                              " \"members\": %u, \"address\": \"某街道%u号\", \"contact\": \"0571-8%07u\"",
                              i, kinds[i % G_N_ELEMENTS (kinds)], domains[i % G_N_ELEMENTS (domains)],
                              i % 7 == 0 ? "city" : "county", i, 3 + i % 120, i % 999, i);
      if (full)
        g_string_append_printf (out, ", \"region\": \"区%03d\"", district_of (lon, lat));
      if (belt >= 0 && i % 100 == 0)
        {
          int other = (belt + 1) % N_BELTS;

          g_string_append_printf (out, ", \"belts\": [{\"belt\": \"示范带%03d\", \"order\": %u},"
                                  " {\"belt\": \"示范带%03d\", \"order\": %u}]",
                                  belt, ++next_order[belt], other, ++next_order[other]);
        }
      else if (belt >= 0)
        g_string_append_printf (out, ", \"belt\": \"示范带%03d\", \"order\": %u",
                                belt, ++next_order[belt]);
      g_string_append (out, "}}");
      spill (out, file, FALSE);
    }

#undef NEXT_FEATURE

  g_string_append (out, "\n]}\n");
  spill (out, file, TRUE);
  if (fclose (file) != 0)
    g_error ("Writing %s failed", path);
}

static HdStore *
open_store (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  HdStore *store = hd_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  return store;
}

static HdImportBatch *
parse_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  HdImportBatch *batch = hd_import_batch_new ();

  if (!hd_geojson_parse_file (batch, file, &error))
    g_error ("%s", error->message);
  return batch;
}

static void
import (HdStore       *store,
        HdImportBatch *batch)
{
  g_auto(HdImportSummary) summary = { 0 };
  g_autoptr(GError) error = NULL;

  if (!hd_store_import (store, batch, FALSE, &summary, &error))
    g_error ("%s", error->message);
}

static void
remove_tree (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hongdai-bench-XXXXXX", &error);
  g_autofree char *big_path = NULL;
  g_autofree char *small_path = NULL;
  double parse_s, store_s, export_s, naive_s, batch_s;
  gint64 start;

  if (dir == NULL)
    g_error ("%s", error->message);
  big_path = g_build_filename (dir, "province.geojson", NULL);
  small_path = g_build_filename (dir, "subset.geojson", NULL);

  write_collection (big_path, N_SITES, TRUE);
  {
    GStatBuf st;

    if (g_stat (big_path, &st) == 0)
      fprintf (stderr, "# generated %d sites, %d belts, %d regions: %.1f MiB of GeoJSON\n",
               N_SITES, N_BELTS, 1 + N_CITIES + N_DISTRICTS, (double) st.st_size / (1 << 20));
  }

  {
    g_autoptr(HdImportBatch) batch = NULL;
    g_autoptr(HdStore) store = open_store (dir, "province.db");

    start = g_get_monotonic_time ();
    batch = parse_file (big_path);
    parse_s = seconds_since (start);

    start = g_get_monotonic_time ();
    import (store, batch);
    store_s = seconds_since (start);

    if (g_list_model_get_n_items (hd_store_get_sites (store)) != N_SITES ||
        g_list_model_get_n_items (hd_store_get_belts (store)) != N_BELTS)
      g_error ("The import lost records");

    hd_bench_report ("import.100k.parse", parse_s, "s", "%.2f", FALSE, TARGET_PARSE_S);
    hd_bench_report ("import.100k.store", store_s, "s", "%.2f", FALSE, TARGET_STORE_S);
    hd_bench_report ("import.100k.total", parse_s + store_s, "s", "%.2f", FALSE, TARGET_TOTAL_S);
    hd_bench_report ("import.100k.peak_rss", peak_rss_mib (), "MiB", "%.0f", FALSE, TARGET_RSS_MIB);

    g_clear_pointer (&batch, hd_import_batch_free);
    start = g_get_monotonic_time ();
    {
      g_autofree char *text = hd_geojson_export (store, &error);

      if (text == NULL)
        g_error ("%s", error->message);
    }
    export_s = seconds_since (start);
    hd_bench_report ("export.100k.total", export_s, "s", "%.2f", FALSE, TARGET_EXPORT_S);
  }

  /* The same 5 000 sites both ways, each into a new workspace. */
  write_collection (small_path, SUBSET_SITES, FALSE);
  {
    g_autoptr(HdImportBatch) batch = parse_file (small_path);
    g_autoptr(HdStore) store = open_store (dir, "naive.db");

    start = g_get_monotonic_time ();
    for (guint i = 0; i < batch->items->len; i++)
      {
        HdImportItem *item = g_ptr_array_index (batch->items, i);

        if (!hd_store_save_site (store, HD_SITE (item->record), &error))
          g_error ("%s", error->message);
      }
    naive_s = seconds_since (start);
  }
  {
    g_autoptr(HdImportBatch) batch = parse_file (small_path);
    g_autoptr(HdStore) store = open_store (dir, "batch.db");

    /* Parsing is left out of both sides: the ratio is about transactions alone. */
    start = g_get_monotonic_time ();
    import (store, batch);
    batch_s = seconds_since (start);
  }
  fprintf (stderr, "# 5k sites: one transaction each %.3f s, one import %.3f s\n", naive_s, batch_s);
  hd_bench_report ("import.per_row_tx_vs_batch_5k", naive_s / MAX (batch_s, 1e-6), "x", "%.1f", TRUE,
          TARGET_RATIO);

  remove_tree (dir);
  return hd_bench_exit_status ();
}
