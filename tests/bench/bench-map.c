/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map layers' frame times while panning, against libshumate's widget-per-marker layer and
 * one ShumatePathLayer per route; the time from opening a store to the map's first frame; and
 * the store's R*Tree viewport query against a full SQL scan and a scan of the site model. Run it
 * under Xvfb with
 * GSK_RENDERER=cairo (tests/bench/run map). Each frame is what GTK does for a pan: move the
 * viewport, lay the window out again, snapshot the map and render its nodes to a texture. */
#define G_LOG_DOMAIN "bench-map"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>

#include <gtk/gtk.h>
#include <shumate/shumate.h>

#include <sqlite3.h>

#include "hd-belt-layer.h"
#include "hd-geojson.h"
#include "hd-import.h"
#include "hd-light-glyph.h"
#include "hd-map-view.h"
#include "hd-site-layer.h"
#include "hd-store.h"
#include "hd-bench.h"

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
#define N_ROUTES             300
#define N_ROUTE_SITES        100
#define TARGET_ROUTES_RATIO  (1.0 / 3.0)
#define TARGET_OPEN_S        0.5

/* HD_BENCH_MAP_ONLY=part,part… runs only those parts (pan, clustered, rtree, routes, open, or
 * belt-layer: the routes without the path layers and no figure), for profiling one of them
 * without the minutes the others take. */
static gboolean
wanted (const char *part)
{
  const char *only = g_getenv ("HD_BENCH_MAP_ONLY");
  g_auto(GStrv) parts = NULL;

  if (only == NULL || *only == '\0')
    return TRUE;
  parts = g_strsplit (only, ",", -1);
  return g_strv_contains ((const char * const *) parts, part);
}

static const double zooms_100k[] = { 7.0, 9.0, 10.5, 11.5, 12.5, 15.0 };

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

static double
p95 (double *values,
     guint   n)
{
  qsort (values, n, sizeof (double), hd_bench_compare_doubles);
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
  g_free (hd_store_query_sites_in_box (store, 0, 0, 0, 0, NULL));
  g_printerr ("# first query (builds the key index): %.1f ms\n",
              (g_get_monotonic_time () - start) / 1000.0);

  *found = 0;
  start = g_get_monotonic_time ();
  for (guint w = 0; w < n_windows; w++)
    {
      double lon = MIN_LON + 0.1 + w * 0.2, lat = MIN_LAT + 0.1 + w * 0.18;
      g_autoptr(GError) error = NULL;
      g_autofree const char **ids = hd_store_query_sites_in_box (store, lat, lon, lat + size,
                                                                  lon + size, &error);

      if (ids == NULL)
        g_error ("%s", error->message);
      *found += g_strv_length ((GStrv) ids);
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

/* N_ROUTES belts of N_ROUTE_SITES sites each, every route a random walk across the box. */
static void
write_routes (const char *path,
              GRand      *rand,
              double     *lons,
              double     *lats)
{
  g_autoptr(GString) out = g_string_new ("{\"type\": \"FeatureCollection\", \"features\": [\n");
  char lon_text[G_ASCII_DTOSTR_BUF_SIZE], lat_text[G_ASCII_DTOSTR_BUF_SIZE];
  g_autoptr(GError) error = NULL;

  for (guint b = 0; b < N_ROUTES; b++)
    {
      double lon = g_rand_double_range (rand, MIN_LON + 0.5, MAX_LON - 0.5);
      double lat = g_rand_double_range (rand, MIN_LAT + 0.5, MAX_LAT - 0.5);
      double heading = g_rand_double_range (rand, 0, 2 * G_PI);

      g_string_append_printf (out, "%s{\"type\": \"Feature\", \"geometry\": null,"
                              " \"properties\": {\"type\": \"belt\", \"name\": \"示范带%03u\"}}",
                              b == 0 ? "" : ",\n", b);
      for (guint k = 0; k < N_ROUTE_SITES; k++)
        {
          guint i = b * N_ROUTE_SITES + k;

          heading += g_rand_double_range (rand, -0.5, 0.5);
          lon = CLAMP (lon + 0.01 * cos (heading), MIN_LON, MAX_LON);
          lat = CLAMP (lat + 0.01 * sin (heading), MIN_LAT, MAX_LAT);
          lons[i] = lon;
          lats[i] = lat;
          g_string_append_printf (out, ",\n{\"type\": \"Feature\", \"geometry\": {\"type\":"
                                  " \"Point\", \"coordinates\": [%s, %s]}, \"properties\":"
                                  " {\"type\": \"site\", \"name\": \"带%03u点%03u\","
                                  " \"belt\": \"示范带%03u\", \"order\": %u}}",
                                  g_ascii_formatd (lon_text, sizeof lon_text, "%.6f", lon),
                                  g_ascii_formatd (lat_text, sizeof lat_text, "%.6f", lat),
                                  b, k, b, k + 1);
        }
    }
  g_string_append (out, "\n]}\n");
  if (!g_file_set_contents (path, out->str, out->len, &error))
    g_error ("%s", error->message);
}

static HdStore *
make_routes_store (const char *dir,
                   GRand      *rand,
                   double     *lons,
                   double     *lats)
{
  g_autofree char *json = g_strconcat (dir, "/routes.geojson", NULL);
  g_autofree char *db = g_strconcat (dir, "/routes.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (json);
  g_autoptr(HdImportBatch) batch = hd_import_batch_new ();
  g_auto(HdImportSummary) summary = { 0 };
  g_autoptr(GError) error = NULL;
  HdStore *store;

  write_routes (json, rand, lons, lats);
  store = hd_store_open (db, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  if (!hd_geojson_parse_file (batch, file, &error) ||
      !hd_store_import (store, batch, FALSE, &summary, &error))
    g_error ("%s", error->message);
  return store;
}

/* The province in view: every route on screen. */
#define ROUTES_ZOOM 8.0

static double
belt_layer_pan (HdStore *store)
{
  ShumateMap *map;
  GtkWidget *window = map_window (&map);
  HdBeltLayer *layer = hd_belt_layer_new (shumate_map_get_viewport (map), store);
  double result;

  shumate_map_add_layer (map, SHUMATE_LAYER (layer));
  g_printerr ("# the belt layer draws %u belts\n",
              g_list_model_get_n_items (hd_store_get_belts (store)));
  result = pan_p95 (window, map, ROUTES_ZOOM, (MIN_LON + MAX_LON) / 2, (MIN_LAT + MAX_LAT) / 2);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  return result;
}

static double
path_layers_pan (const double *lons,
                 const double *lats)
{
  ShumateMap *map;
  GtkWidget *window = map_window (&map);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double result;

  for (guint b = 0; b < N_ROUTES; b++)
    {
      ShumatePathLayer *path = shumate_path_layer_new (viewport);
      GdkRGBA colour = { 0.8, 0.1 + (b % 7) * 0.1, 0.2, 1 };

      shumate_path_layer_set_stroke_color (path, &colour);
      shumate_path_layer_set_stroke_width (path, 3);
      for (guint k = 0; k < N_ROUTE_SITES; k++)
        {
          guint i = b * N_ROUTE_SITES + k;

          shumate_path_layer_add_node (path,
                                       SHUMATE_LOCATION (shumate_coordinate_new_full (lats[i],
                                                                                      lons[i])));
        }
      shumate_map_add_layer (map, SHUMATE_LAYER (path));
    }

  result = pan_p95 (window, map, ROUTES_ZOOM, (MIN_LON + MAX_LON) / 2, (MIN_LAT + MAX_LAT) / 2);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  return result;
}

typedef struct {
  GtkWidget *view;
  guint      n_sites;
  gint64     painted;
} FirstFrame;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  FirstFrame *first = user_data;

  /* The first frame in which the map is on screen with every site in its layer. */
  if (first->painted == 0 && gtk_widget_get_mapped (first->view) &&
      gtk_widget_get_width (first->view) > 0 &&
      hd_map_view_get_n_markers (HD_MAP_VIEW (first->view)) == first->n_sites)
    first->painted = g_get_monotonic_time ();
}

/* Seconds from hd_store_open() of a workspace of @n_sites to the first frame the frame clock
 * has painted with the map and its sites. */
static double
open_to_first_frame (const char *path,
                     guint       n_sites)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(HdStore) store = NULL;
  FirstFrame first = { NULL, n_sites, 0 };
  GtkWidget *window;
  gint64 start, opened, viewed, deadline;
  gulong handler;

  start = g_get_monotonic_time ();
  store = hd_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  opened = g_get_monotonic_time ();

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  first.view = hd_map_view_new (store);
  viewed = g_get_monotonic_time ();
  gtk_window_set_child (GTK_WINDOW (window), first.view);
  gtk_widget_realize (window);
  handler = g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                              G_CALLBACK (on_after_paint), &first);
  gtk_window_present (GTK_WINDOW (window));

  deadline = start + 30 * G_USEC_PER_SEC;
  while (first.painted == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (first.painted == 0)
    g_error ("The map never painted its sites");

  g_printerr ("# open → first frame: store open %.0f ms, map view made %.0f ms, "
              "then shown and painted %.0f ms\n",
              (opened - start) / 1000.0, (viewed - opened) / 1000.0,
              (first.painted - viewed) / 1000.0);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (window), handler);
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
  return (first.painted - start) / (double) G_USEC_PER_SEC;
}

/* Seconds per query of the same windows as rtree_vs_scan() by SQL with no index: what the
 * R*Tree saves the database. */
static double
sql_full_scan (const char *path,
               guint      *found)
{
  const guint n_windows = 20;
  const double size = 0.42;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 start;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT id FROM site NOT INDEXED"
                              " WHERE lon BETWEEN ?1 AND ?2 AND lat BETWEEN ?3 AND ?4",
                          -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));

  *found = 0;
  start = g_get_monotonic_time ();
  for (guint w = 0; w < n_windows; w++)
    {
      double lon = MIN_LON + 0.1 + w * 0.2, lat = MIN_LAT + 0.1 + w * 0.18;
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      sqlite3_bind_double (stmt, 1, lon);
      sqlite3_bind_double (stmt, 2, lon + size);
      sqlite3_bind_double (stmt, 3, lat);
      sqlite3_bind_double (stmt, 4, lat + size);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      *found += ids->len;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC / n_windows;
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
  g_autoptr(HdStore) routes = NULL;
  g_autofree double *route_lons = g_new (double, N_ROUTES * N_ROUTE_SITES);
  g_autofree double *route_lats = g_new (double, N_ROUTES * N_ROUTE_SITES);
  g_autofree char *big_path = NULL;
  double custom_ms, marker_ms, clustered_ms, rtree_s, scan_s, sql_s, belt_ms, paths_ms, open_s;
  guint sql_found;
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
  if (wanted ("pan"))
    small = make_store (dir, "small", N_SMALL, lons, lats);
  if (wanted ("clustered") || wanted ("rtree") || wanted ("open"))
    big = make_store (dir, "big", N_SITES, lons, lats);
  if (wanted ("routes") || wanted ("belt-layer"))
    routes = make_routes_store (dir, rand, route_lons, route_lats);
  g_printerr ("# generating and importing the stores took %.1f s\n",
              (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  /* The box is 4.5° wide; 10% of its width (1% of its area) across WIDTH pixels. */
  zoom_1pct = log2 (WIDTH * 360.0 / ((MAX_LON - MIN_LON) * 0.1) / 256.0);

  if (wanted ("pan"))
    {
      custom_ms = custom_pan (small, zoom_1pct);
      marker_ms = marker_pan (lons, lats, N_SMALL, zoom_1pct);
      hd_bench_report ("map.pan_10k_p95_custom", custom_ms, "ms", "%.2f", FALSE, TARGET_CUSTOM_MS);
      g_printerr ("# ShumateMarkerLayer p95: %.2f ms\n", marker_ms);
      hd_bench_report ("map.pan_10k_vs_shumate_marker_layer", custom_ms / marker_ms, "x", "%.3f", FALSE,
              TARGET_RATIO);
    }

  /* Any zoom: the whole province in view (every site visible, so the layer clusters), then
   * closer, through the zooms where it stops clustering (1000 sites in view), down to streets.
   * The figure is the worst of them. */
  if (wanted ("clustered"))
    {
      clustered_ms = 0;
      for (guint z = 0; z < G_N_ELEMENTS (zooms_100k); z++)
        {
          double ms = custom_pan (big, zooms_100k[z]);

          g_printerr ("# 100k sites at zoom %.1f: pan p95 %.2f ms\n", zooms_100k[z], ms);
          clustered_ms = MAX (clustered_ms, ms);
        }
      hd_bench_report ("map.pan_100k_clustered_p95", clustered_ms, "ms", "%.2f", FALSE,
              TARGET_CLUSTERED_MS);
    }

  big_path = g_strconcat (dir, "/big.db", NULL);
  if (wanted ("rtree"))
    {
      rtree_vs_scan (big, &rtree_s, &scan_s, &found);
      g_printerr ("# R*Tree %.3f ms, scan %.3f ms a window, %.0f sites a window (%.2f%%)\n",
                  rtree_s * 1000, scan_s * 1000, found / 20.0, found / 20.0 / N_SITES * 100);
      hd_bench_report ("map.rtree_vs_scan", scan_s / rtree_s, "x", "%.1f", TRUE, TARGET_RTREE);

      sql_s = sql_full_scan (big_path, &sql_found);
      /* The R*Tree keeps 32-bit float boxes: sites within a few metres of an edge may differ. */
      g_printerr ("# SQL full scan (NOT INDEXED) %.3f ms a window, %.1f sites a window\n",
                  sql_s * 1000, sql_found / 20.0);
      hd_bench_report ("map.rtree_vs_sql_full_scan", sql_s / rtree_s, "x", "%.1f", TRUE, TARGET_RTREE);
    }

  if (wanted ("routes"))
    {
      belt_ms = belt_layer_pan (routes);
      paths_ms = path_layers_pan (route_lons, route_lats);
      g_printerr ("# HdBeltLayer p95 %.2f ms, %u ShumatePathLayers p95 %.2f ms\n", belt_ms,
                  N_ROUTES, paths_ms);
      hd_bench_report ("map.pan_300_routes_vs_shumate_path_layers", belt_ms / paths_ms, "x", "%.3f",
                       FALSE, TARGET_ROUTES_RATIO);
    }
  else if (wanted ("belt-layer"))
    {
      /* Only the belt layer, for profiling it (no figure against a target). */
      g_printerr ("# HdBeltLayer p95 %.2f ms\n", belt_layer_pan (routes));
    }

  /* Closed, then opened again as the app does: reading it all back is part of the time. */
  if (wanted ("open"))
    {
      g_clear_object (&big);
      open_s = open_to_first_frame (big_path, N_SITES);
      hd_bench_report ("map.open_to_first_frame_100k", open_s, "s", "%.3f", FALSE, TARGET_OPEN_S);
    }

  g_clear_object (&small);
  g_clear_object (&big);
  g_clear_object (&routes);
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
