/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The editors with 10k sites (run under xvfb-run with GSK_RENDERER=cairo):
 * - the belt editor's add-site popover: open to first frame, and one keystroke of search,
 *   against the old way (a GtkListBox with a row widget per site) measured in the same run;
 * - the region editor: opening it, and the per-region totals it shows (sub-regions included). */
#define G_LOG_DOMAIN "bench-editors"

#include <glib/gstdio.h>
#include <stdio.h>

#include "hd-belt-editor.h"
#include "hd-geojson.h"
#include "hd-region-editor.h"
#include "hd-region-tree.h"
#include "hd-bench.h"

#define N_SITES  10000
#define N_TOWNS  40
#define N_RUNS   5

#define TARGET_OPEN_MS      150.0
#define TARGET_OPEN_RATIO   0.25
#define TARGET_SEARCH_MS    16.0
#define TARGET_TOTALS_MS    10.0
#define TARGET_REGIONS_MS   150.0

/* A city, 4 districts, N_TOWNS towns and N_SITES sites spread over the towns. */
static HdStore *
make_store (const char *dir)
{
  g_autofree char *json = g_build_filename (dir, "sites.geojson", NULL);
  g_autofree char *db = g_build_filename (dir, "work.db", NULL);
  g_autoptr(GString) out = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_auto(HdImportSummary) summary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20190101);
  HdStore *store;

  g_string_append (out, "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"type\":"
                        " \"region\", \"name\": \"测试市\", \"level\": \"city\"}}");
  for (guint d = 0; d < 4; d++)
    g_string_append_printf (out, ",\n{\"type\": \"Feature\", \"geometry\": null, \"properties\":"
                            " {\"type\": \"region\", \"name\": \"第%u区\", \"level\": \"district\","
                            " \"parent\": \"测试市\"}}", d);
  for (guint t = 0; t < N_TOWNS; t++)
    g_string_append_printf (out, ",\n{\"type\": \"Feature\", \"geometry\": null, \"properties\":"
                            " {\"type\": \"region\", \"name\": \"第%u街道\", \"level\": \"town\","
                            " \"parent\": \"第%u区\"}}", t, t % 4);
  for (guint i = 0; i < N_SITES; i++)
    {
      char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, ",\n{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\","
                              " \"coordinates\": [%s, %s]}, \"properties\": {\"name\":"
                              " \"示范点%05u党群服务站\", \"region\": \"第%u街道\"}}",
                              g_ascii_formatd (lon, sizeof lon, "%.5f",
                                               g_rand_double_range (rand, 119.0, 119.6)),
                              g_ascii_formatd (lat, sizeof lat, "%.5f",
                                               g_rand_double_range (rand, 25.8, 26.3)),
                              i, i % N_TOWNS);
    }
  g_string_append (out, "\n]}\n");
  if (!g_file_set_contents (json, out->str, out->len, &error))
    g_error ("%s", error->message);
  store = hd_store_open (db, &error);
  if (store == NULL ||
      !hd_geojson_parse_file (batch, file, &error) ||
      !hd_store_import (store, batch, FALSE, &summary, &error))
    g_error ("%s", error->message);
  return store;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @widget has been drawn once (its frame clock ticked after it was
 * mapped). */
static void
wait_drawn (GtkWidget *widget)
{
  GdkFrameClock *clock;
  gint64 frame;

  while (!gtk_widget_get_mapped (widget))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (widget);
  frame = gdk_frame_clock_get_frame_counter (clock);
  while (gdk_frame_clock_get_frame_counter (clock) <= frame + 1)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, N_RUNS, sizeof (double), compare_double);
  return values[N_RUNS / 2];
}

/* The belt editor's popover, from the click to its first frame. */
static double
open_add_popover (HdStore *store)
{
  GtkWidget *editor = hd_belt_editor_new (NULL, store, NULL);
  GtkMenuButton *button;
  GtkWidget *list;
  gint64 start;
  double ms;

  gtk_window_present (GTK_WINDOW (editor));
  wait_drawn (editor);
  button = GTK_MENU_BUTTON (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR,
                                                           "add_button"));
  list = GTK_WIDGET (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR, "add_list"));
  start = g_get_monotonic_time ();
  gtk_menu_button_popup (button);
  wait_drawn (list);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  gtk_window_destroy (GTK_WINDOW (editor));
  spin ();
  return ms;
}

/* The same list the old way: a row widget for each site, in a popover. */
static double
open_list_box_popover (HdStore *store)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GListModel *sites = hd_store_get_sites (store);
  gint64 start;
  double ms;

  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_set_default_size (GTK_WINDOW (window), 520, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_drawn (window);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(HdSite) site = g_list_model_get_item (sites, i);

      gtk_list_box_append (GTK_LIST_BOX (list), gtk_label_new (hd_site_get_name (site)));
    }
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wait_drawn (list);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  return ms;
}

/* One keystroke in the popover's search: the filter runs over every site. */
static double
search_keystroke (HdStore *store)
{
  GtkWidget *editor = hd_belt_editor_new (NULL, store, NULL);
  GtkEditable *search;
  GtkListView *list;
  GListModel *model;
  double times[N_RUNS];
  static const char * const typed[] = { "0", "01", "012", "0123", "01234" };

  gtk_window_present (GTK_WINDOW (editor));
  wait_drawn (editor);
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_template_child (editor,
                                                                         HD_TYPE_BELT_EDITOR,
                                                                         "add_button")));
  list = GTK_LIST_VIEW (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR, "add_list"));
  search = GTK_EDITABLE (gtk_widget_get_template_child (editor, HD_TYPE_BELT_EDITOR,
                                                        "add_search"));
  wait_drawn (GTK_WIDGET (list));
  model = G_LIST_MODEL (gtk_list_view_get_model (list));
  for (guint r = 0; r < N_RUNS; r++)
    {
      gint64 start;

      gtk_editable_set_text (search, typed[r]);
      start = g_get_monotonic_time ();
      g_signal_emit_by_name (search, "search-changed");
      if (g_list_model_get_n_items (model) == 0)
        g_error ("“%s” found nothing", typed[r]);
      times[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  gtk_window_destroy (GTK_WINDOW (editor));
  spin ();
  return median (times);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hongdai-bench-editors-XXXXXX", &error);
  g_autoptr(HdStore) store = NULL;
  double list_view[N_RUNS], list_box[N_RUNS], totals[N_RUNS], regions[N_RUNS];
  double view_ms, box_ms;

  if (dir == NULL)
    g_error ("%s", error->message);
  if (!gtk_init_check ())
    g_error ("bench-editors needs a display: run it under xvfb-run with GSK_RENDERER=cairo");
  adw_init ();
  store = make_store (dir);

  for (guint r = 0; r < N_RUNS; r++)
    {
      list_view[r] = open_add_popover (store);
      list_box[r] = open_list_box_popover (store);
    }
  view_ms = median (list_view);
  box_ms = median (list_box);
  hd_bench_report ("editors.add_site_popover_10k", view_ms, "ms", "%.1f", FALSE, TARGET_OPEN_MS);
  g_printerr ("# a GtkListBox with a row per site: %.1f ms\n", box_ms);
  hd_bench_report ("editors.add_site_popover_vs_list_box", view_ms / box_ms, "x", "%.3f", FALSE,
                   TARGET_OPEN_RATIO);
  hd_bench_report ("editors.add_site_search_keystroke_10k", search_keystroke (store), "ms", "%.2f",
                   FALSE, TARGET_SEARCH_MS);

  for (guint r = 0; r < N_RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GHashTable) t = hd_store_collect_region_totals (store);
      GtkWidget *editor;

      totals[r] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      editor = hd_region_editor_new (NULL, store);
      gtk_window_present (GTK_WINDOW (editor));
      wait_drawn (editor);
      regions[r] = (g_get_monotonic_time () - start) / 1000.0;
      gtk_window_destroy (GTK_WINDOW (editor));
      spin ();
    }
  hd_bench_report ("editors.region_totals_10k", median (totals), "ms", "%.2f", FALSE, TARGET_TOTALS_MS);
  hd_bench_report ("editors.region_editor_open_10k", median (regions), "ms", "%.1f", FALSE, TARGET_REGIONS_MS);

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
  return hd_bench_exit_status ();
}
