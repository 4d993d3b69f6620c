/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map layers' frame times while panning, against libshumate's widget-per-marker layer, and
 * the store's R*Tree viewport query against a scan of the site model. Run it under Xvfb with
 * GSK_RENDERER=cairo (tests/bench/run map). Each frame is what GTK does for a pan: move the
 * viewport, lay the window out again, snapshot the map and render its nodes to a texture. */
#define G_LOG_DOMAIN "bench-map"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include "hd-geojson.h"
#include "hd-import.h"
#include "hd-light-glyph.h"
#include "hd-site-layer.h"
#include "hd-store.h"

#define N_SITES       100000
#define N_SMALL       10000
#define N_FRAMES      60
#define N_WARMUP      5
#define WIDTH         1280
#define HEIGHT        800
#define PAN_PX        20.0
/* A province-sized box (about 450 × 470 km). */
#define MIN_LON 118.0
#define MAX_LON 122.5
#define MIN_LAT 27.0
#define MAX_LAT 31.2

#define TARGET_CUSTOM_MS     8.0
#define TARGET_RATIO         0.25
#define TARGET_CLUSTERED_MS  16.0
#define TARGET_RTREE         20.0

static gboolean all_met = TRUE;

static const double zooms_100k[] = { 7.0, 9.0, 10.5, 11.5, 12.5, 15.0 };

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
  /* The unit "x" is written against the number, as in "0.12x". */
  printf ("%s: %s%s%s (target %s %s%s%s)%s\n",
          name, value_text, g_str_equal (unit, "x") ? "" : " ", unit,
          higher_is_better ? "≥" : "≤", target_text, g_str_equal (unit, "x") ? "" : " ", unit,
          met ? "" : "  MISSED");
  fflush (stdout);
  if (!met)
    all_met = FALSE;
}

static void
write_sites (const char *path,
             guint       n_sites,
             double     *lons,
             double     *lats)
{
  g_autoptr(GString) out = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");
  char lon_text[G_ASCII_DTOSTR_BUF_SIZE], lat_text[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_sites; i++)
    {
      g_string_append_printf (out, "%s{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\","
                              " \"coordinates\": [%s, %s]}, \"properties\": {\"name\":"
                              " \"示范点%06u\", \"kind\": \"venue\"}}",
                              i == 0 ? "" : ",\n",
                              g_ascii_formatd (lon_text, sizeof lon_text, "%.6f", lons[i]),
                              g_ascii_formatd (lat_text, sizeof lat_text, "%.6f", lats[i]), i);
    }
  g_string_append (out, "\n]}\n");
  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);
}

static HdStore *
make_store (const char *dir,
            const char *name,
            guint       n_sites,
            double     *lons,
            double     *lats)
{
  g_autofree char *json = g_strconcat (dir, "/", name, ".geojson", NULL);
  g_autofree char *db = g_strconcat (dir, "/", name, ".db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_auto(HdImportSummary) summary = { 0 };
  g_autoptr(GError) error = NULL;
  HdStore *store;

  write_sites (json, n_sites, lons, lats);
  store = hd_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (!hd_geojson_parse_file (batch, file, &error) ||
      !hd_store_import (store, batch, FALSE, &summary, &error))
    g_error ("%s", error->message);
  return store;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
p95 (double *values,
     guint   n)
{
  qsort (values, n, sizeof (double), (GCompareFunc) compare_doubles);
  return values[(guint) ceil (0.95 * n) - 1];
}

/* A map with one data layer over nothing (the base map's tiles would cost both layers alike). */
static GtkWidget *
map_window (ShumateMap **map_out)
{
  GtkWidget *window = gtk_window_new ();
  ShumateMap *map = shumate_map_new ();
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  g_autoptr(ShumateMapSourceRegistry) registry = shumate_map_source_registry_new_with_defaults ();

  /* The viewport needs a reference source for its projection; no layer draws its tiles. */
  shumate_viewport_set_reference_map_source (viewport,
                                             shumate_map_source_registry_get_by_id (registry,
                                                                                    SHUMATE_MAP_SOURCE_OSM_MAPNIK));
  shumate_viewport_set_max_zoom_level (viewport, 19);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
  *map_out = map;
  return window;
}

static gboolean
spin_done (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the window map and draw its first frames. */
static void
spin (void)
{
  gboolean done = FALSE;

  g_timeout_add (300, spin_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* p95 of N_FRAMES pan frames in ms: each moves the centre PAN_PX east or west (and a little
 * north or south). */
static double
pan_p95 (GtkWidget  *window,
         ShumateMap *map,
         double      zoom,
         double      lon,
         double      lat)
{
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  GtkWidget *widget = GTK_WIDGET (map);
  double times[N_FRAMES];
  double layout_ms = 0, snapshot_ms = 0, render_ms = 0;
  double degrees_per_px;
  int width, height;

  shumate_viewport_set_zoom_level (viewport, zoom);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
  spin ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (width <= 0 || height <= 0 || renderer == NULL)
    g_error ("The map window was not shown (is there a display?)");
  degrees_per_px = 360.0 / (256.0 * exp2 (zoom));

  for (int f = -N_WARMUP; f < N_FRAMES; f++)
    {
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;
      GtkSnapshot *snapshot;
      /* Back and forth, 16 frames each way, so the sites stay in view at any zoom. */
      double direction = ((f + N_WARMUP) / 16) % 2 == 0 ? 1 : -1;
      gint64 start = g_get_monotonic_time ();
      gint64 t0, t1, t2;

      lon += direction * PAN_PX * degrees_per_px;
      lat -= direction * (f % 2) * PAN_PX * degrees_per_px * 0.5;
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
      t0 = g_get_monotonic_time ();
      /* A frame's layout phase (the marker layer places its marker widgets here), then the
       * map's snapshot, rendered offscreen. (A GtkWidgetPaintable made mid-pan holds no image:
       * snapshot the child directly.) */
      gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_measure (window, GTK_ORIENTATION_VERTICAL, width, NULL, NULL, NULL, NULL);
      gtk_widget_allocate (window, gtk_widget_get_width (window), gtk_widget_get_height (window),
                           -1, NULL);
      t1 = g_get_monotonic_time ();
      snapshot = gtk_snapshot_new ();
      gtk_widget_snapshot_child (window, widget, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t2 = g_get_monotonic_time ();
      if (node != NULL)
        texture = gsk_renderer_render_texture (renderer, node,
                                               &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (node == NULL || !gtk_widget_get_mapped (widget))
        g_error ("The map drew nothing (mapped %d, %d × %d, zoom %g)", gtk_widget_get_mapped (widget),
                 width, height, shumate_viewport_get_zoom_level (viewport));
      if (f >= 0)
        {
          gint64 end = g_get_monotonic_time ();

          times[f] = (end - start) / 1000.0;
          layout_ms += (t1 - t0) / 1000.0;
          snapshot_ms += (t2 - t1) / 1000.0;
          render_ms += (end - t2) / 1000.0;
        }
    }
  g_printerr ("# mean per frame: layout %.2f ms, snapshot %.2f ms, render %.2f ms\n",
              layout_ms / N_FRAMES, snapshot_ms / N_FRAMES, render_ms / N_FRAMES);

  return p95 (times, N_FRAMES);
}

static double
custom_pan (HdStore *store,
            double   zoom)
{
  ShumateMap *map;
  GtkWidget *window = map_window (&map);
  HdSiteLayer *layer = hd_site_layer_new (shumate_map_get_viewport (map), store);
  double result;

  shumate_map_add_layer (map, SHUMATE_LAYER (layer));
  g_printerr ("# the site layer holds %u sites\n", hd_site_layer_get_n_sites (layer));
  result = pan_p95 (window, map, zoom, (MIN_LON + MAX_LON) / 2 - 0.1, (MIN_LAT + MAX_LAT) / 2);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  return result;
}

/* What the map view's marker dots drew before the site layer. */
static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  static const HdColour fill = { 0.5, 0.5, 0.5, 0.55 };
  static const HdColour outline = { 1, 1, 1, 0.9 };

  hd_light_glyph_draw (cr, width / 2.0, height / 2.0, MIN (width, height), HD_LIGHT_GREY,
                       &fill, &outline);
}

static double
marker_pan (const double *lons,
            const double *lats,
            guint         n,
            double        zoom)
{
  ShumateMap *map;
  GtkWidget *window = map_window (&map);
  ShumateMarkerLayer *layer = shumate_marker_layer_new (shumate_map_get_viewport (map));
  gint64 start = g_get_monotonic_time ();
  double result;

  for (guint i = 0; i < n; i++)
    {
      ShumateMarker *marker = shumate_marker_new ();
      GtkWidget *dot = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), 14);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), 14);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, NULL, NULL);
      shumate_marker_set_child (marker, dot);
      shumate_location_set_location (SHUMATE_LOCATION (marker), lats[i], lons[i]);
      shumate_marker_layer_add_marker (layer, marker);
    }
  shumate_map_add_layer (map, SHUMATE_LAYER (layer));
  g_printerr ("# adding %u markers took %.2f s\n", n,
              (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  result = pan_p95 (window, map, zoom, (MIN_LON + MAX_LON) / 2 - 0.1, (MIN_LAT + MAX_LAT) / 2);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  return result;
}

/* Seconds per query over @n_windows windows of @size degrees. */
static void
rtree_vs_scan (HdStore *store,
               double  *rtree_s,
               double  *scan_s,
               guint   *found)
{
  GListModel *sites = hd_store_get_sites (store);
  guint n = g_list_model_get_n_items (sites);
  const guint n_windows = 20;
  const double size = 0.42;   /* 0.42° × 0.42° of 4.5° × 4.2°: under 1% of the sites */
  gint64 start;

  /* The first query builds the store's key → site index (once per change of the site list,
   * as the map does on its first frame); time it apart from the steady state. */
  start = g_get_monotonic_time ();
  g_strfreev (hd_store_query_sites_in_box (store, 0, 0, 0, 0, NULL));
  g_printerr ("# first query (builds the key index): %.1f ms\n",
              (g_get_monotonic_time () - start) / 1000.0);

  *found = 0;
  start = g_get_monotonic_time ();
  for (guint w = 0; w < n_windows; w++)
    {
      double lon = MIN_LON + 0.1 + w * 0.2, lat = MIN_LAT + 0.1 + w * 0.18;
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) ids = hd_store_query_sites_in_box (store, lat, lon, lat + size, lon + size,
                                                       &error);

      if (ids == NULL)
        g_error ("%s", error->message);
      *found += g_strv_length (ids);
    }
  *rtree_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC / n_windows;

  start = g_get_monotonic_time ();
  for (guint w = 0; w < n_windows; w++)
    {
      double lon = MIN_LON + 0.1 + w * 0.2, lat = MIN_LAT + 0.1 + w * 0.18;
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(HdSite) site = g_list_model_get_item (sites, i);
          double site_lat, site_lon;

          if (!hd_site_get_has_position (site))
            continue;
          site_lat = hd_site_get_latitude (site);
          site_lon = hd_site_get_longitude (site);
          if (site_lat >= lat && site_lat <= lat + size && site_lon >= lon && site_lon <= lon + size)
            g_ptr_array_add (ids, (gpointer) hd_site_get_id (site));
        }
    }
  *scan_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC / n_windows;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("hongdai-bench-map-XXXXXX", &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20180101);
  g_autofree double *lons = g_new (double, N_SITES);
  g_autofree double *lats = g_new (double, N_SITES);
  g_autoptr(HdStore) small = NULL;
  g_autoptr(HdStore) big = NULL;
  double custom_ms, marker_ms, clustered_ms, rtree_s, scan_s;
  /* At this zoom a 1280 × 800 view shows about 1% of the box. */
  double zoom_1pct;
  guint found;
  gint64 start;

  if (dir == NULL)
    g_error ("%s", error->message);
  if (!gtk_init_check ())
    g_error ("bench-map needs a display: run it under xvfb-run with GSK_RENDERER=cairo");

  for (guint i = 0; i < N_SITES; i++)
    {
      lons[i] = g_rand_double_range (rand, MIN_LON, MAX_LON);
      lats[i] = g_rand_double_range (rand, MIN_LAT, MAX_LAT);
    }

  start = g_get_monotonic_time ();
  small = make_store (dir, "small", N_SMALL, lons, lats);
  big = make_store (dir, "big", N_SITES, lons, lats);
  g_printerr ("# generating and importing the stores took %.1f s\n",
              (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  /* The box is 4.5° wide; 10% of its width (1% of its area) across WIDTH pixels. */
  zoom_1pct = log2 (WIDTH * 360.0 / ((MAX_LON - MIN_LON) * 0.1) / 256.0);

  custom_ms = custom_pan (small, zoom_1pct);
  marker_ms = marker_pan (lons, lats, N_SMALL, zoom_1pct);
  report ("map.pan_10k_p95_custom", custom_ms, "ms", "%.2f", FALSE, TARGET_CUSTOM_MS);
  g_printerr ("# ShumateMarkerLayer p95: %.2f ms\n", marker_ms);
  report ("map.pan_10k_vs_shumate_marker_layer", custom_ms / marker_ms, "x", "%.3f", FALSE,
          TARGET_RATIO);

  /* Any zoom: the whole province in view (every site visible, so the layer clusters), then
   * closer, through the zooms where it stops clustering (1000 sites in view), down to streets.
   * The figure is the worst of them. */
  clustered_ms = 0;
  for (guint z = 0; z < G_N_ELEMENTS (zooms_100k); z++)
    {
      double ms = custom_pan (big, zooms_100k[z]);

      g_printerr ("# 100k sites at zoom %.1f: pan p95 %.2f ms\n", zooms_100k[z], ms);
      clustered_ms = MAX (clustered_ms, ms);
    }
  report ("map.pan_100k_clustered_p95", clustered_ms, "ms", "%.2f", FALSE, TARGET_CLUSTERED_MS);

  rtree_vs_scan (big, &rtree_s, &scan_s, &found);
  g_printerr ("# R*Tree %.3f ms, scan %.3f ms a window, %.0f sites a window (%.2f%%)\n",
              rtree_s * 1000, scan_s * 1000, found / 20.0, found / 20.0 / N_SITES * 100);
  report ("map.rtree_vs_scan", scan_s / rtree_s, "x", "%.1f", TRUE, TARGET_RTREE);

  g_clear_object (&small);
  g_clear_object (&big);
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

  return all_met ? 0 : 1;
}
